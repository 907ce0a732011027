package org.vpsconnector.bootstrap;

/** The PostgreSQL that scripts/start-postgres.sh starts for the tests. */
final class TestPostgres {
    private TestPostgres() {
    }

    static String url() {
        return env("VPS_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/vps_connector_test");
    }

    static String user() {
        return env("VPS_TEST_POSTGRES_USER", "vps");
    }

    static String password() {
        return env("VPS_TEST_POSTGRES_PASSWORD", "vps");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
