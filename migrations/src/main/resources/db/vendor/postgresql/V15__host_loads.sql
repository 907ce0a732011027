-- What the live VPSes (neither deleted nor failed) of each technology take on each host, kept by
-- triggers as VPSes are stored, changed and removed (by the connector or by hand), so that a
-- placement reads a few rows however many VPSes are stored. Each VPS counts in one of 16 shares of
-- its host, picked by its id, so that provisions onto one host at once do not wait for each other's
-- row until they commit; a host's load is the sum of its shares, view host_loads. placed is false
-- for the VPSes stored before hosts were named (host NULL in vpses). A transaction of the connector
-- changes one VPS, so it holds one share until it commits; transactions that change VPSes of several
-- shares (by hand) may wait for each other's, and PostgreSQL breaks a deadlock by failing one of them.
CREATE TABLE host_load_shares (
    vm        BOOLEAN     NOT NULL,
    placed    BOOLEAN     NOT NULL,
    host      VARCHAR(63) NOT NULL,
    share     SMALLINT    NOT NULL,
    vpses     INTEGER     NOT NULL,
    memory_gb BIGINT      NOT NULL,
    cpus      BIGINT      NOT NULL,
    PRIMARY KEY (vm, placed, host, share)
);

CREATE VIEW host_loads AS
SELECT vm, CASE WHEN placed THEN host END AS host, CAST(SUM(vpses) AS INTEGER) AS vpses,
       CAST(SUM(memory_gb) AS BIGINT) AS memory_gb, CAST(SUM(cpus) AS BIGINT) AS cpus
FROM host_load_shares
GROUP BY vm, placed, host
HAVING SUM(vpses) > 0;

-- Stored and removed VPSes are counted once per statement: a statement that stores or removes many
-- (a restore, a clean-up by hand) adds to each share once, where a trigger per row would update the
-- same few share rows again and again in one transaction, each time slower (PostgreSQL keeps every
-- version of a row until the transaction ends).
CREATE FUNCTION count_stored_and_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO host_load_shares (vm, placed, host, share, vpses, memory_gb, cpus)
        SELECT vm, host IS NOT NULL, COALESCE(host, ''), get_byte(uuid_send(id), 15) % 16,
               COUNT(*), SUM(memory_gb), SUM(cpu_count)
        FROM stored WHERE lifecycle NOT IN ('DELETED', 'FAILED')
        GROUP BY 1, 2, 3, 4
        ON CONFLICT (vm, placed, host, share) DO UPDATE SET
            vpses = host_load_shares.vpses + EXCLUDED.vpses,
            memory_gb = host_load_shares.memory_gb + EXCLUDED.memory_gb,
            cpus = host_load_shares.cpus + EXCLUDED.cpus;
    ELSE
        INSERT INTO host_load_shares (vm, placed, host, share, vpses, memory_gb, cpus)
        SELECT vm, host IS NOT NULL, COALESCE(host, ''), get_byte(uuid_send(id), 15) % 16,
               -COUNT(*), -SUM(memory_gb), -SUM(cpu_count)
        FROM removed WHERE lifecycle NOT IN ('DELETED', 'FAILED')
        GROUP BY 1, 2, 3, 4
        ON CONFLICT (vm, placed, host, share) DO UPDATE SET
            vpses = host_load_shares.vpses + EXCLUDED.vpses,
            memory_gb = host_load_shares.memory_gb + EXCLUDED.memory_gb,
            cpus = host_load_shares.cpus + EXCLUDED.cpus;
    END IF;
    RETURN NULL;
END
$$;

-- A changed VPS is counted per row, and only when the change moves its load (see the trigger's
-- condition): most updates (a provision that completes, a power state observed) then run no trigger
-- at all, which a trigger per statement would run for every one.
CREATE FUNCTION count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO host_load_shares (vm, placed, host, share, vpses, memory_gb, cpus)
    SELECT vm, placed, host, share, SUM(vpses), SUM(memory_gb), SUM(cpus)
    FROM (SELECT OLD.vm, OLD.host IS NOT NULL, COALESCE(OLD.host, ''), get_byte(uuid_send(OLD.id), 15) % 16,
                 -1, -OLD.memory_gb, -OLD.cpu_count
          WHERE OLD.lifecycle NOT IN ('DELETED', 'FAILED')
          UNION ALL
          SELECT NEW.vm, NEW.host IS NOT NULL, COALESCE(NEW.host, ''), get_byte(uuid_send(NEW.id), 15) % 16,
                 1, NEW.memory_gb, NEW.cpu_count
          WHERE NEW.lifecycle NOT IN ('DELETED', 'FAILED')) AS changes (vm, placed, host, share, vpses, memory_gb, cpus)
    GROUP BY vm, placed, host, share
    HAVING SUM(vpses) <> 0 OR SUM(memory_gb) <> 0 OR SUM(cpus) <> 0
    ON CONFLICT (vm, placed, host, share) DO UPDATE SET
        vpses = host_load_shares.vpses + EXCLUDED.vpses,
        memory_gb = host_load_shares.memory_gb + EXCLUDED.memory_gb,
        cpus = host_load_shares.cpus + EXCLUDED.cpus;
    RETURN NULL;
END
$$;

-- The triggers first: creating them waits for the writes to vpses in flight and holds back new ones
-- until this migration commits, so the count below misses none and none is counted twice.
CREATE TRIGGER vpses_count_stored AFTER INSERT ON vpses
    REFERENCING NEW TABLE AS stored FOR EACH STATEMENT EXECUTE FUNCTION count_stored_and_removed();
CREATE TRIGGER vpses_count_removed AFTER DELETE ON vpses
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_stored_and_removed();
CREATE TRIGGER vpses_count_changed AFTER UPDATE ON vpses
    FOR EACH ROW
    WHEN ((OLD.lifecycle IN ('DELETED', 'FAILED')) IS DISTINCT FROM (NEW.lifecycle IN ('DELETED', 'FAILED'))
          OR OLD.vm IS DISTINCT FROM NEW.vm OR OLD.host IS DISTINCT FROM NEW.host
          OR OLD.memory_gb IS DISTINCT FROM NEW.memory_gb OR OLD.cpu_count IS DISTINCT FROM NEW.cpu_count)
    EXECUTE FUNCTION count_changed();

INSERT INTO host_load_shares (vm, placed, host, share, vpses, memory_gb, cpus)
SELECT vm, host IS NOT NULL, COALESCE(host, ''), 0, COUNT(*), SUM(memory_gb), SUM(cpu_count)
FROM vpses WHERE lifecycle NOT IN ('DELETED', 'FAILED')
GROUP BY vm, host IS NOT NULL, COALESCE(host, '');
