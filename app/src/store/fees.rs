//! Fee orders and the gateway's confirmation (SPEC rule 13): paying moves the application from
//! 通过形式 to 评审中 exactly once, however often the gateway repeats its callback.

use super::admin::ByAdmin;
use super::audit;
use super::review::Decision;
use super::{Store, StoreError, StoreResult};
use crate::domain::fee::PaymentStatus;
use crate::domain::workflow::{Action, Actor, Denied};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PaymentRow {
    pub id: String,
    pub application_id: String,
    pub applicant_id: String,
    pub amount_fen: i64,
    #[sqlx(try_from = "String")]
    pub status: PaymentStatus,
    pub gateway: String,
    pub gateway_txn: Option<String>,
    pub created_at: i64,
    pub paid_at: Option<i64>,
}

const COLUMNS: &str = "id, application_id, applicant_id, amount_fen, status, gateway, gateway_txn, created_at, paid_at";

/// An order as the office's fee accounts list it (`office_payments`): with whose it is and, once
/// refunded, the refund's number.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OfficePaymentRow {
    #[sqlx(flatten)]
    pub order: PaymentRow,
    pub applicant_name: String,
    pub series: String,
    pub refund_no: Option<String>,
    pub refunded_at: Option<i64>,
}

/// An order, the office that evaluates its application, and whether the platform closed that
/// application (`Store::payment_and_office`).
#[derive(Clone, Debug)]
pub struct OrderAtOffice {
    pub order: PaymentRow,
    pub office_id: String,
    pub application_closed: bool,
}

/// A fee to give back: how much, and when it went back (if it has).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RefundRow {
    pub amount_fen: i64,
    pub refunded_at: Option<i64>,
}

/// What a confirmed payment came to.
#[derive(Clone, Debug)]
pub enum Confirmed {
    /// Recorded now; the application moved on.
    Paid(PaymentRow),
    /// This order (or another for the same application) was paid before: nothing changed.
    AlreadyPaid(PaymentRow),
    /// The gateway confirmed an amount other than the order's: nothing changed.
    AmountMismatch,
    NoSuchOrder,
    /// The application is no longer payable (closed for fraud, say): nothing changed.
    Denied(Denied),
}

impl Store {
    pub async fn insert_payment(&self, p: &PaymentRow) -> StoreResult<()> {
        sqlx::query(&format!("INSERT INTO payments ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"))
            .bind(&p.id)
            .bind(&p.application_id)
            .bind(&p.applicant_id)
            .bind(p.amount_fen)
            .bind(p.status.as_str())
            .bind(&p.gateway)
            .bind(&p.gateway_txn)
            .bind(p.created_at)
            .bind(p.paid_at)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn payment(&self, id: &str) -> StoreResult<Option<PaymentRow>> {
        Ok(sqlx::query_as::<_, PaymentRow>(&format!("SELECT {COLUMNS} FROM payments WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// The paid order of an application, if any.
    pub async fn paid_payment_of(&self, application_id: &str) -> StoreResult<Option<PaymentRow>> {
        Ok(sqlx::query_as::<_, PaymentRow>(&format!("SELECT {COLUMNS} FROM payments WHERE application_id = $1 AND status = 'paid'"))
            .bind(application_id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// An application's orders still waiting for the gateway's word.
    pub async fn pending_payments_of(&self, application_id: &str) -> StoreResult<Vec<PaymentRow>> {
        Ok(sqlx::query_as::<_, PaymentRow>(&format!("SELECT {COLUMNS} FROM payments WHERE application_id = $1 AND status = 'pending'"))
            .bind(application_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Orders opened between `from` and `to` that are still waiting: the reconciliation's list.
    pub async fn pending_payments_between(&self, from: i64, to: i64) -> StoreResult<Vec<PaymentRow>> {
        Ok(sqlx::query_as::<_, PaymentRow>(&format!(
            "SELECT {COLUMNS} FROM payments WHERE status = 'pending' AND created_at >= $1 AND created_at <= $2 ORDER BY created_at LIMIT 500"
        ))
        .bind(from)
        .bind(to)
        .fetch_all(self.pool())
        .await?)
    }

    /// Records the gateway's confirmation: the order paid and the application moved by the
    /// platform (`PayFee`), audited, in one transaction on the locked application.
    pub async fn confirm_payment(&self, order_id: &str, amount_fen: i64, gateway_txn: &str, now: i64) -> StoreResult<Confirmed> {
        let mut conn = self.begin().await?;
        let result = async {
            let Some(order) = sqlx::query_as::<_, PaymentRow>(&format!("SELECT {COLUMNS} FROM payments WHERE id = $1"))
                .bind(order_id)
                .fetch_optional(&mut *conn)
                .await?
            else {
                return Ok(Confirmed::NoSuchOrder);
            };
            if order.amount_fen != amount_fen {
                return Ok(Confirmed::AmountMismatch);
            }
            let Some(app) = self.lock_application(&mut conn, &order.application_id).await? else {
                return Err(StoreError::NotFound);
            };
            // read after the lock: a concurrent confirmation has committed its row by now
            let paid: Option<PaymentRow> =
                sqlx::query_as::<_, PaymentRow>(&format!("SELECT {COLUMNS} FROM payments WHERE application_id = $1 AND status = 'paid'"))
                    .bind(&order.application_id)
                    .fetch_optional(&mut *conn)
                    .await?;
            if let Some(paid) = paid {
                if paid.id != order.id && order.status == PaymentStatus::Pending {
                    // a second order of the same application paid: recorded as a refund to make
                    self.mark_refund_due(&mut conn, &order.id, gateway_txn, now).await?;
                }
                return Ok(Confirmed::AlreadyPaid(paid));
            }
            let detail = serde_json::json!({ "order": order.id, "amount_fen": amount_fen, "gateway_txn": gateway_txn }).to_string();
            let mut d = Decision::plain(Action::PayFee, "", "gateway", now);
            d.detail = &detail;
            if let Err(denied) = self.transition_locked(&mut conn, &app, &Actor::system(), &d).await? {
                // the money came for an application that takes none now: recorded as a refund to make
                if order.status == PaymentStatus::Pending {
                    self.mark_refund_due(&mut conn, &order.id, gateway_txn, now).await?;
                }
                return Ok(Confirmed::Denied(denied));
            }
            sqlx::query("UPDATE payments SET status = 'paid', gateway_txn = $1, paid_at = $2 WHERE id = $3")
                .bind(gateway_txn)
                .bind(now)
                .bind(&order.id)
                .execute(&mut *conn)
                .await?;
            Ok(Confirmed::Paid(PaymentRow {
                status: PaymentStatus::Paid,
                gateway_txn: Some(gateway_txn.into()),
                paid_at: Some(now),
                ..order
            }))
        }
        .await;
        // a refund recorded is kept too; a refused amount or unknown order changes nothing
        self.finish(conn, matches!(result, Ok(Confirmed::Paid(_) | Confirmed::AlreadyPaid(_) | Confirmed::Denied(_)))).await?;
        result
    }

    async fn mark_refund_due(&self, conn: &mut sqlx::AnyConnection, order_id: &str, gateway_txn: &str, now: i64) -> StoreResult<()> {
        sqlx::query("UPDATE payments SET status = 'refund_due', gateway_txn = $1, paid_at = $2 WHERE id = $3 AND status = 'pending'")
            .bind(gateway_txn)
            .bind(now)
            .bind(order_id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Orders paid with nothing to pay for (`PaymentStatus::RefundDue`), oldest first: the
    /// office's list of refunds to make.
    pub async fn refunds_due(&self) -> StoreResult<Vec<PaymentRow>> {
        Ok(sqlx::query_as::<_, PaymentRow>(&format!("SELECT {COLUMNS} FROM payments WHERE status = 'refund_due' ORDER BY paid_at"))
            .fetch_all(self.pool())
            .await?)
    }

    /// The fee accounts of one evaluation office: orders waiting for the gateway's word since
    /// `from`, every refund still to make, the fees of applications closed after they were paid,
    /// and the refunds made since `from`; newest first.
    pub async fn office_payments(&self, office_id: &str, from: i64) -> StoreResult<Vec<OfficePaymentRow>> {
        Ok(sqlx::query_as::<_, OfficePaymentRow>(
            "SELECT p.id, p.application_id, p.applicant_id, p.amount_fen, p.status, p.gateway, p.gateway_txn, p.created_at, p.paid_at, \
             u.name AS applicant_name, a.series, p.refund_no, p.refunded_at \
             FROM payments p JOIN applications a ON a.id = p.application_id JOIN users u ON u.id = p.applicant_id \
             WHERE a.office_id = $1 AND (p.status = 'refund_due' OR (p.status = 'paid' AND a.status = 'closed') \
                OR (p.status IN ('pending', 'refunded') AND p.created_at >= $2)) \
             ORDER BY p.created_at DESC LIMIT 500",
        )
        .bind(office_id)
        .bind(from)
        .fetch_all(self.pool())
        .await?)
    }

    /// An application's orders paid with nothing to pay for, refunded or still to refund, oldest first.
    pub async fn refunds_of(&self, application_id: &str) -> StoreResult<Vec<RefundRow>> {
        Ok(sqlx::query_as::<_, RefundRow>(
            "SELECT amount_fen, refunded_at FROM payments WHERE application_id = $1 AND status IN ('refund_due', 'refunded') ORDER BY created_at",
        )
        .bind(application_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// An order, the office that evaluates its application, and whether that application is closed.
    pub async fn payment_and_office(&self, id: &str) -> StoreResult<Option<OrderAtOffice>> {
        let Some(order) = self.payment(id).await? else { return Ok(None) };
        let app: Option<(String, String)> = sqlx::query_as("SELECT office_id, status FROM applications WHERE id = $1")
            .bind(&order.application_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(app.map(|(office_id, status)| OrderAtOffice { order, office_id, application_closed: status == "closed" }))
    }

    /// Orders of one office opened between `from` and `to` and still waiting (the office's 核对).
    pub async fn office_pending_payments(&self, office_id: &str, from: i64, to: i64) -> StoreResult<Vec<PaymentRow>> {
        let columns = COLUMNS.split(", ").map(|c| format!("p.{c}")).collect::<Vec<_>>().join(", ");
        Ok(sqlx::query_as::<_, PaymentRow>(&format!(
            "SELECT {columns} FROM payments p JOIN applications a ON a.id = p.application_id \
             WHERE a.office_id = $1 AND p.status = 'pending' AND p.created_at >= $2 AND p.created_at <= $3 ORDER BY p.created_at LIMIT 500"
        ))
        .bind(office_id)
        .bind(from)
        .bind(to)
        .fetch_all(self.pool())
        .await?)
    }

    /// Records a refund the gateway made (`refund_no` is our request number to it), audited: of
    /// an order owed back, or of the fee of an application closed after it was paid
    /// (`fee::may_refund`). False when the order is not (or no longer) one to refund: someone
    /// else recorded it first.
    pub async fn record_refund(&self, order_id: &str, refund_no: &str, by: &ByAdmin<'_>) -> StoreResult<bool> {
        let mut conn = self.begin().await?;
        let result = async {
            let before: Option<String> =
                sqlx::query_scalar("SELECT status FROM payments WHERE id = $1").bind(order_id).fetch_optional(&mut *conn).await?;
            let done = sqlx::query(
                "UPDATE payments SET status = 'refunded', refund_no = $1, refunded_at = $2, refunded_by = $3 WHERE id = $4 \
                 AND (status = 'refund_due' OR (status = 'paid' AND EXISTS \
                   (SELECT 1 FROM applications a WHERE a.id = payments.application_id AND a.status = 'closed')))",
            )
            .bind(refund_no)
            .bind(by.now)
            .bind(&by.actor.user_id)
            .bind(order_id)
            .execute(&mut *conn)
            .await?;
            if done.rows_affected() != 1 {
                return Ok(false);
            }
            let subject = format!("payment:{order_id}");
            let detail = serde_json::json!({ "refund_no": refund_no }).to_string();
            let before = before.unwrap_or_default();
            audit::append_admin(&mut conn, self.chain(), &by.entry(&subject, "refund", &before, "refunded", &detail)).await?;
            Ok(true)
        }
        .await;
        self.finish(conn, matches!(result, Ok(true))).await?;
        result
    }
}
