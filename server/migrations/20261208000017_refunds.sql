-- Refunds (issue 17): an order paid with nothing to pay for (`refund_due`: a second order of the
-- same application, or an application closed before the money came) is refunded by the
-- evaluation office through the gateway that took it. The gateway's refund request number and when
-- and by whom it was made are kept with the order, so the office's list reconciles with the
-- gateway's statement.
ALTER TABLE payments ADD COLUMN refund_no TEXT;        -- our refund request number (Alipay's out_request_no)
ALTER TABLE payments ADD COLUMN refunded_at BIGINT;
ALTER TABLE payments ADD COLUMN refunded_by TEXT;      -- the user who made it
CREATE INDEX payments_by_status ON payments(status, created_at);
