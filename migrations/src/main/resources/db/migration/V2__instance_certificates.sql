-- aps.x509.self carries the instance's private key: from this version on self_certificate holds
-- it sealed (AES-256-GCM under the configured key, "aes-gcm:" + Base64 of nonce and ciphertext),
-- never as text. Sealing adds a third to the length, so the column grows to keep a 65536-character
-- PEM. The service seals rows an earlier version stored as text when it starts.
ALTER TABLE application_instances ALTER COLUMN self_certificate SET DATA TYPE VARCHAR(100000);
