-- The APS-Transaction-ID of the request that started an operation: echoed to the controller in the
-- resource updates the operation causes, and written on every log line of its attempts.
ALTER TABLE operations ADD COLUMN transaction_id VARCHAR(255);
