#!/usr/bin/env bash
# Install (or remove) Cadence's desktop integration: the menu entry, the icons, the GPX/TCX/FIT
# file types and the AppStream data. Per user by default (prefix ~/.local); system-wide with
# --prefix /usr/local as root.
#
#   packaging/install_desktop.sh                 from a checkout (Cadence installed by pip)
#   dist/cadence/install-desktop.sh              from the PyInstaller bundle; also links
#                                                <prefix>/bin/cadence to the bundle
#   ... --uninstall                              remove what the above installed
#   ... --prefix DIR --no-caches                 lay the files out only (used to build the bundle)
set -euo pipefail

APP_ID="io.github.cadencejournal.Cadence"
SIZES="16 32 48 64 128 256 512"
prefix="${HOME}/.local"
uninstall=0
caches=1

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
        --prefix=*) prefix="${1#*=}"; shift ;;
        --uninstall) uninstall=1; shift ;;
        --no-caches) caches=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "install_desktop.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done

here="$(cd "$(dirname "$0")" && pwd)"
share="$prefix/share"
if [ -x "$here/cadence" ] && [ -d "$here/share/applications" ]; then
    bundle="$here"  # running from dist/cadence/: files come from the bundle's share/
else
    bundle=""
    repo="$(cd "$here/.." && pwd)"
fi

# Source -> destination pairs, one per line.
files() {
    if [ -n "$bundle" ]; then
        (cd "$bundle/share" && find . -type f) | while read -r rel; do
            echo "$bundle/share/${rel#./} $share/${rel#./}"
        done
        return
    fi
    echo "$repo/packaging/$APP_ID.desktop $share/applications/$APP_ID.desktop"
    echo "$repo/packaging/$APP_ID.metainfo.xml $share/metainfo/$APP_ID.metainfo.xml"
    echo "$repo/packaging/mime/$APP_ID-mime.xml $share/mime/packages/$APP_ID.xml"
    echo "$repo/resources/icons/$APP_ID.svg $share/icons/hicolor/scalable/apps/$APP_ID.svg"
    for size in $SIZES; do
        echo "$repo/packaging/icons/hicolor/${size}x${size}/apps/$APP_ID.png" \
            "$share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
}

if [ "$uninstall" = 1 ]; then
    files | while read -r _src dest; do rm -f "$dest"; done
    if [ -n "$bundle" ] && [ -L "$prefix/bin/cadence" ]; then rm -f "$prefix/bin/cadence"; fi
    action="Removed"
else
    files | while read -r src dest; do install -Dm644 "$src" "$dest"; done
    if [ -n "$bundle" ]; then
        install -d "$prefix/bin"
        ln -sfn "$bundle/cadence" "$prefix/bin/cadence"
    fi
    action="Installed"
fi

if [ "$caches" = 1 ]; then
    # Let menus, file managers and icon themes see the change now rather than at next login.
    if command -v update-mime-database >/dev/null && [ -d "$share/mime/packages" ]; then
        update-mime-database "$share/mime"
    fi
    if command -v update-desktop-database >/dev/null && [ -d "$share/applications" ]; then
        update-desktop-database -q "$share/applications"
    fi
    if command -v gtk-update-icon-cache >/dev/null && [ -f "$share/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$share/icons/hicolor"
    fi
fi

echo "$action Cadence's desktop integration under $prefix"
if [ "$uninstall" = 0 ] && [ "$caches" = 1 ] && ! command -v cadence >/dev/null; then
    if [ -n "$bundle" ]; then where="$prefix/bin"; else where="the bin folder of Cadence's venv"; fi
    echo "Note: the menu entry starts 'cadence', which is not on your PATH: add $where to PATH." >&2
fi
