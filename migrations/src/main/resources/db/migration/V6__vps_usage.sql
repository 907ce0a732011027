-- The latest usage figures of each VPS, measured in the background and served by retrieve: one
-- row per VPS, replaced at every measurement. CPU time and traffic never go backwards although
-- Docker and libvirt reset their counters at each start of a server: *_base holds what earlier
-- runs counted, *_last the server's own count at the latest reading; server_run tells the runs apart.
-- measured_at is NULL until the first figures are stored. claimed_by / claimed_until: the meter
-- reading the server now (one replica at a time, so readings are stored in the order they were taken).
CREATE TABLE vps_usage (
    vps_id           UUID                     NOT NULL PRIMARY KEY REFERENCES vpses (id) ON DELETE CASCADE,
    cpu_base_ns      BIGINT DEFAULT 0         NOT NULL,
    cpu_last_ns      BIGINT DEFAULT 0         NOT NULL,
    memory_bytes     BIGINT DEFAULT 0         NOT NULL,
    disk_bytes       BIGINT DEFAULT 0         NOT NULL,
    network_in_base  BIGINT DEFAULT 0         NOT NULL,
    network_in_last  BIGINT DEFAULT 0         NOT NULL,
    network_out_base BIGINT DEFAULT 0         NOT NULL,
    network_out_last BIGINT DEFAULT 0         NOT NULL,
    server_run       VARCHAR(255),
    measured_at      TIMESTAMP WITH TIME ZONE,
    claimed_by       VARCHAR(255),
    claimed_until    TIMESTAMP WITH TIME ZONE
);
