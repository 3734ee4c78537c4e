# Shared by scripts/test.sh and scripts/demo.sh: installing what the build
# needs, and a throwaway PostgreSQL instance. Source it; it defines functions only.

PG_MAJOR=${PG_MAJOR:-15}
PACKAGES=(
    "postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR" "postgresql-$PG_MAJOR-cron"
    libboost-json1.81-dev libgtest-dev cmake g++ make
)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages that are missing (none are installed twice).
install_packages() {
    local missing=() package
    for package in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$package")
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

pg_bindir() { "${PG_CONFIG:-pg_config}" --bindir; }

# PostgreSQL refuses to run as root, so the server runs as the postgres user
# (created by the Debian package) and clients connect over its unix socket.
as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Starts a throwaway instance in a new temporary folder, listening only on a
# unix socket there. Sets INSTANCE_DIR, PGHOST, PGPORT, PGUSER. Extra
# postgresql.conf lines come from the arguments.
start_instance() {
    INSTANCE_DIR=$(mktemp -d /tmp/segments-pg.XXXXXX)
    chmod 755 "$INSTANCE_DIR"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$INSTANCE_DIR"
    local bindir
    bindir=$(pg_bindir)
    as_server_user "$bindir/initdb" -D "$INSTANCE_DIR/data" -U postgres -A trust \
        -E UTF8 --locale=C.UTF-8 >"$INSTANCE_DIR/initdb.log" 2>&1 ||
        { cat "$INSTANCE_DIR/initdb.log" >&2; die "initdb failed"; }
    {
        echo "listen_addresses = ''"
        echo "unix_socket_directories = '$INSTANCE_DIR'"
        echo "port = 5432"
        # pg_cron, when preloaded, connects to run its jobs; the instance has
        # no TCP port, so it must use the unix socket.
        echo "cron.host = '$INSTANCE_DIR'"
        echo "fsync = off"
        echo "log_min_messages = warning"
        local line
        for line in "$@"; do echo "$line"; done
    } | as_server_user tee -a "$INSTANCE_DIR/data/postgresql.conf" >/dev/null
    # 9>&-: the server must not inherit the install lock that test.sh and
    # demo.sh hold on descriptor 9, or it would keep the lock as long as it runs.
    as_server_user "$bindir/pg_ctl" -D "$INSTANCE_DIR/data" -l "$INSTANCE_DIR/server.log" \
        -w -t 60 start >/dev/null 9>&- ||
        { cat "$INSTANCE_DIR/server.log" >&2; die "the PostgreSQL instance did not start"; }
    export PGHOST="$INSTANCE_DIR" PGPORT=5432 PGUSER=postgres
}

stop_instance() {
    [ -n "${INSTANCE_DIR:-}" ] && [ -d "$INSTANCE_DIR/data" ] || return 0
    as_server_user "$(pg_bindir)/pg_ctl" -D "$INSTANCE_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$INSTANCE_DIR"
    INSTANCE_DIR=
}
