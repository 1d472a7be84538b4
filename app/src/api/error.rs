//! The one error type of every server function: typed, serialisable, and put into words by the
//! catalogue on the page (no HTML or prose crosses the wire, only message keys and arguments).

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::forms::FieldText;
use crate::i18n::{Msg, Text};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Bad input; each message is shown at its field.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldText>),
    /// Refused for a reason that belongs to the whole form (throttled, wrong credentials…).
    #[error("refused: {0:?}")]
    Refused(Text),
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    /// Our fault; details are in the server log under the request id, never in the response.
    #[error("internal error")]
    Internal,
    /// The transport failed (network, decoding); raised by the server-function machinery.
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    pub fn field(field: &str, text: impl Into<Text>) -> Self {
        AppError::Invalid(vec![FieldText::new(field, text)])
    }

    pub fn refused(text: impl Into<Text>) -> Self {
        AppError::Refused(text.into())
    }

    /// The message for `field`, if the error belongs there.
    pub fn at_field(&self, field: &str) -> Option<&Text> {
        match self {
            AppError::Invalid(list) => list.iter().find(|f| f.field == field).map(|f| &f.text),
            _ => None,
        }
    }

    /// The HTTP status the refusal answers with (what is wrong travels in the JSON body): 422 for
    /// input, 401 for nobody signed in, 403 for the wrong person, 404 for what does not exist (or
    /// is not the asker's to know of), 413 for a body over its cap, 429 when throttled, 409 for
    /// any other refusal of the request as it stands (a rule, a state, a duplicate), 500 only for ours.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 422,
            AppError::Refused(t)
                if matches!(
                    t.msg,
                    Msg::LoginThrottled | Msg::ObjectionThrottled | Msg::QueryThrottled | Msg::UploadThrottled | Msg::RateLimited
                ) =>
            {
                429
            }
            AppError::Refused(t) if t.msg == Msg::LoginFailed => 401,
            // what does not exist, or is not the asker's to know of (the same answer for both)
            AppError::Refused(t)
                if matches!(
                    t.msg,
                    Msg::ApplicationNotFound
                        | Msg::CertificateNotFound
                        | Msg::NoticeNotFound
                        | Msg::PublicNoticeNotFound
                        | Msg::SessionNotFound
                        | Msg::OutboxNoSuchMessage
                        | Msg::FeeOrderNotFound
                ) =>
            {
                404
            }
            AppError::Refused(t) if t.msg == Msg::RequestTooLarge => 413,
            AppError::Refused(t) if t.msg == Msg::RequestNotUnderstood => 400,
            AppError::Refused(_) => 409,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
    }

    /// The message for the form as a whole, if the error is not a field's.
    pub fn form_text(&self) -> Option<Text> {
        match self {
            AppError::Invalid(_) => None,
            AppError::Refused(t) => Some(t.clone()),
            AppError::Unauthenticated => Some(Msg::Unauthenticated.into()),
            AppError::Forbidden => Some(Msg::Forbidden.into()),
            AppError::Internal => Some(Msg::Internal.into()),
            AppError::Transport(_) => Some(Msg::Network.into()),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        unreadable(value)
    }
}

/// On the server, a request it could not read (a missing or malformed argument): the decoder's own
/// words (types, positions, field names) go to the log, the answer says only that (L10).
#[cfg(feature = "ssr")]
fn unreadable(value: ServerFnErrorErr) -> AppError {
    tracing::info!(error = %value, "request not understood");
    match value {
        ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
            AppError::refused(Msg::RequestNotUnderstood)
        }
        _ => AppError::Transport(String::new()),
    }
}

/// In the browser: the network failing under the page.
#[cfg(not(feature = "ssr"))]
fn unreadable(value: ServerFnErrorErr) -> AppError {
    AppError::Transport(value.to_string())
}

pub type AppResult<T> = Result<T, AppError>;

/// A store failure reaching a server function is ours, never the person's: it is logged with the
/// place of the `?` that met it and answered with the generic message. (Refusals the store reports
/// on purpose, such as a version conflict, are matched before `?` where they mean something.)
#[cfg(feature = "ssr")]
impl From<crate::store::StoreError> for AppError {
    #[track_caller]
    fn from(e: crate::store::StoreError) -> Self {
        tracing::error!(at = %std::panic::Location::caller(), error = %e, "store error");
        AppError::Internal
    }
}

/// Any other unexpected failure (a JSON column that does not parse, a task that panicked, a blob
/// write): `.or_internal("what")?` logs it with `what` and the place, and answers 500.
#[cfg(feature = "ssr")]
pub trait OrInternal<T> {
    fn or_internal(self, what: &str) -> AppResult<T>;
}

#[cfg(feature = "ssr")]
impl<T, E: std::fmt::Display> OrInternal<T> for Result<T, E> {
    #[track_caller]
    fn or_internal(self, what: &str) -> AppResult<T> {
        let at = std::panic::Location::caller();
        self.map_err(|e| {
            tracing::error!(%what, %at, error = %e, "internal error");
            AppError::Internal
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_refusal_answers_with_its_own_status() {
        let cases = [
            (AppError::field("name", Msg::Required), 422),
            (AppError::Unauthenticated, 401),
            (AppError::refused(Msg::LoginFailed), 401),
            (AppError::Forbidden, 403),
            (AppError::refused(Msg::CertificateNotFound), 404),
            (AppError::refused(Msg::ApplicationNotFound), 404),
            (AppError::refused(Msg::RequestTooLarge), 413),
            (AppError::refused(Msg::RateLimited), 429),
            (AppError::refused(Msg::UploadThrottled), 429),
            (AppError::refused(Msg::RequestNotUnderstood), 400),
            (AppError::refused(Msg::CertificateNotRevocable), 409),
            (AppError::Internal, 500),
        ];
        for (e, status) in cases {
            assert_eq!(e.status_code(), status, "{e:?}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_request_the_server_cannot_read_is_answered_without_the_decoders_words() {
        let said = "invalid type: string \"x\", expected i64 at line 1 column 12";
        for e in [
            ServerFnErrorErr::Args(said.into()),
            ServerFnErrorErr::Deserialization(said.into()),
            ServerFnErrorErr::MissingArg("version".into()),
        ] {
            let answer = AppError::from_server_fn_error(e);
            assert_eq!(answer.status_code(), 400);
            let json = serde_json::to_string(&answer).unwrap();
            assert!(!json.contains("invalid type") && !json.contains("version"), "{json}");
        }
        let json = serde_json::to_string(&AppError::from_server_fn_error(ServerFnErrorErr::Response(said.into()))).unwrap();
        assert!(!json.contains("invalid type"), "{json}");
    }
}
