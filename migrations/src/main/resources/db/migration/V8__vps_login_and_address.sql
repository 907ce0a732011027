-- How the customer gets into the server: the SSH public keys authorised for root, one a line (at
-- most 16 keys of at most 4000 characters), and root's password as a SHA-512 crypt(3) hash. The
-- password itself is never stored. The target of a provision or configure carries the same.
-- ipv4 is the address the server was last seen at; NULL while its backend reports none.
ALTER TABLE vpses ADD COLUMN ssh_keys VARCHAR(65536);
ALTER TABLE vpses ADD COLUMN password_hash VARCHAR(255);
ALTER TABLE vpses ADD COLUMN ipv4 VARCHAR(45);
ALTER TABLE operations ADD COLUMN target_ssh_keys VARCHAR(65536);
ALTER TABLE operations ADD COLUMN target_password_hash VARCHAR(255);
