# Debian packages for the setup scripts (sourced). They may run while another script or the
# system holds apt's locks: installs wait for the locks, and a failed index update is retried.

# install_packages [apt-get install options] PACKAGE...
install_packages() {
    local attempt
    for attempt in $(seq 1 60); do
        apt-get -o DPkg::Lock::Timeout=300 update && break
        [ "$attempt" -lt 60 ] || return 1
        sleep 2
    done
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y "$@"
}

# package_installed PACKAGE
package_installed() {
    # grep reads all of dpkg-query's answer (no -q), which pipefail could otherwise turn into a failure.
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep "install ok installed" >/dev/null
}
