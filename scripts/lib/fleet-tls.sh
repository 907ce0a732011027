# The fleet's TLS material, for scripts/start-fleet.sh (sourced after lib/fleet.sh, which names
# the paths). Made once with openssl and kept: a run finds it valid and changes nothing. A file is
# made again only when it is missing, no longer matches its key or its authority, or expires
# within 30 days; a new authority brings new certificates with it. Keys are mode 0600.

TLS_CA_DAYS=3650
TLS_LEAF_DAYS=825
TLS_RENEW_SECONDS=$((30 * 24 * 3600))

# openssl's sections for the three kinds of certificate. libvirt checks key usage and extended key
# usage, Go (dockerd) and Java check the server's address against subjectAltName.
tls_openssl_config() {
    cat <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
[authority]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
}

# tls_key_matches CERT KEY
tls_key_matches() {
    [ -s "$1" ] && [ -s "$2" ] \
        && [ "$(openssl x509 -noout -pubkey -in "$1" 2>/dev/null)" = "$(openssl pkey -pubout -in "$2" 2>/dev/null)" ]
}

# tls_usable CERT KEY [AUTHORITY]: matches its key, valid for 30 days more, signed by AUTHORITY.
tls_usable() {
    tls_key_matches "$1" "$2" || return 1
    openssl x509 -noout -checkend "$TLS_RENEW_SECONDS" -in "$1" >/dev/null 2>&1 || return 1
    [ -z "${3:-}" ] || openssl verify -CAfile "$3" "$1" >/dev/null 2>&1
}

# tls_issue KIND SUBJECT CERT KEY: a new key and its certificate, self-signed for the authority,
# else signed by it; both files replaced at once.
tls_issue() {
    local kind=$1 subject=$2 cert=$3 key=$4 work config
    mkdir -p "$(dirname "$cert")" "$(dirname "$key")"
    work=$(mktemp -d "$(dirname "$cert")/.issue.XXXXXX")
    config=$work/openssl.cnf
    tls_openssl_config >"$config"
    (
        umask 077
        if [ "$kind" = authority ]; then
            openssl req -x509 -config "$config" -extensions authority -newkey rsa:3072 -nodes \
                -keyout "$work/key.pem" -out "$work/cert.pem" -days "$TLS_CA_DAYS" -subj "$subject" 2>/dev/null
        else
            openssl req -new -config "$config" -newkey rsa:3072 -nodes \
                -keyout "$work/key.pem" -out "$work/request.pem" -subj "$subject" 2>/dev/null
            openssl x509 -req -in "$work/request.pem" -CA "$FLEET_TLS_CA" -CAkey "$FLEET_TLS_CA_KEY" \
                -set_serial "0x$(openssl rand -hex 16)" -days "$TLS_LEAF_DAYS" \
                -extfile "$config" -extensions "$kind" -out "$work/cert.pem" 2>/dev/null
        fi
    )
    chmod 0600 "$work/key.pem"
    chmod 0644 "$work/cert.pem"
    mv -f "$work/key.pem" "$key"
    mv -f "$work/cert.pem" "$cert"
    rm -rf "$work"
    log "made the fleet's $kind certificate $cert (key $key), valid until" \
        "$(openssl x509 -noout -enddate -in "$cert" | cut -d= -f2)"
}

# tls_link DIR NAME TARGET: DIR/NAME points at TARGET (relative to DIR's parent).
tls_link() {
    [ "$(readlink "$1/$2" 2>/dev/null || true)" = "$3" ] || ln -sfn "$3" "$1/$2"
}

# ensure_fleet_tls: the authority, the server and the client certificate, and the client's two
# layouts; sets FLEET_TLS_SERVED, a digest of what the servers present and trust, so that a daemon
# started with older files is started again.
ensure_fleet_tls() {
    package_installed openssl || install_packages --no-install-recommends openssl
    mkdir -p "$FLEET_TLS_DIR"
    chmod 0755 "$FLEET_TLS_DIR"
    if ! tls_usable "$FLEET_TLS_CA" "$FLEET_TLS_CA_KEY"; then
        tls_issue authority "/O=vps-connector fleet/CN=vps-connector fleet authority" "$FLEET_TLS_CA" "$FLEET_TLS_CA_KEY"
    fi
    if ! tls_usable "$FLEET_TLS_SERVER_CERT" "$FLEET_TLS_SERVER_KEY" "$FLEET_TLS_CA"; then
        tls_issue server "/O=vps-connector fleet/CN=127.0.0.1" "$FLEET_TLS_SERVER_CERT" "$FLEET_TLS_SERVER_KEY"
    fi
    if ! tls_usable "$FLEET_TLS_CLIENT_CERT" "$FLEET_TLS_CLIENT_KEY" "$FLEET_TLS_CA"; then
        tls_issue client "/O=vps-connector fleet/CN=vps-connector" "$FLEET_TLS_CLIENT_CERT" "$FLEET_TLS_CLIENT_KEY"
    fi
    chmod 0700 "$(dirname "$FLEET_TLS_CA_KEY")" "$(dirname "$FLEET_TLS_SERVER_KEY")" "$(dirname "$FLEET_TLS_CLIENT_KEY")"
    mkdir -p -m 0700 "$FLEET_TLS_DOCKER_CLIENT_DIR" "$FLEET_TLS_LIBVIRT_CLIENT_DIR"
    tls_link "$FLEET_TLS_DOCKER_CLIENT_DIR" ca.pem ../ca/ca.pem
    tls_link "$FLEET_TLS_DOCKER_CLIENT_DIR" cert.pem ../client/cert.pem
    tls_link "$FLEET_TLS_DOCKER_CLIENT_DIR" key.pem ../client/key.pem
    tls_link "$FLEET_TLS_LIBVIRT_CLIENT_DIR" cacert.pem ../ca/ca.pem
    tls_link "$FLEET_TLS_LIBVIRT_CLIENT_DIR" clientcert.pem ../client/cert.pem
    tls_link "$FLEET_TLS_LIBVIRT_CLIENT_DIR" clientkey.pem ../client/key.pem
    FLEET_TLS_SERVED=$(cat "$FLEET_TLS_CA" "$FLEET_TLS_SERVER_CERT" | sha256sum | cut -c1-16)
}
