"""Packaging files agree with each other and with the code, and pass the freedesktop validators.

The validators come from Debian packages (desktop-file-utils, appstream, shared-mime-info); a test
that needs one is skipped, naming the package, only where it is not installed.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from defusedxml import ElementTree

import cadence
from cadence import APP_ID

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
MIME_XML = PACKAGING / "mime" / f"{APP_ID}-mime.xml"
FLATPAK = PACKAGING / "flatpak" / f"{APP_ID}.yml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
IMPORT_TYPES = {"application/gpx+xml", "application/vnd.garmin.tcx+xml", "application/vnd.ant.fit"}


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def desktop_mime_types() -> set[str]:
    return {t for t in desktop_entry()["MimeType"].split(";") if t}


def metainfo():
    return ElementTree.parse(METAINFO).getroot()


def flatpak_manifest() -> dict:
    return yaml.safe_load(FLATPAK.read_text(encoding="utf-8"))


def load_make_icons():
    spec = importlib.util.spec_from_file_location("make_icons", PACKAGING / "make_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def require(tool: str, debian_package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (Debian package {debian_package})")
    return path


# --- validators ---------------------------------------------------------------------------------


def test_desktop_file_validates():
    tool = require("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_metainfo_validates():
    tool = require("appstreamcli", "appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", "--no-color", str(METAINFO)], capture_output=True, text=True
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    # Errors fail the run above; warnings would fail a Flathub submission, so none either.
    assert not re.search(r"^[EW]:", report, flags=re.MULTILINE), report


def test_mime_definitions_teach_the_desktop_fit_and_tcx(tmp_path):
    tool = require("update-mime-database", "shared-mime-info")
    data_home = tmp_path / "share"
    packages = data_home / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME_XML, packages / f"{APP_ID}.xml")
    subprocess.run([tool, str(data_home / "mime")], check=True, capture_output=True)

    fit = tmp_path / "ride.fit"  # a FIT header: size, protocol, profile, data size, ".FIT", crc
    fit.write_bytes(bytes([14, 0x10, 0x08, 0x08, 0, 0, 0, 0]) + b".FIT" + b"\0\0")
    fit_without_extension = tmp_path / "ride.download"
    fit_without_extension.write_bytes(fit.read_bytes())
    fits_image = tmp_path / "nebula.fit"  # the astronomers' FITS shares the extension
    fits_image.write_bytes(b"SIMPLE  =                    T" + b" " * 50)
    tcx = tmp_path / "run.tcx"
    tcx.write_text(
        '<?xml version="1.0"?>\n<TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"/>\n',
        encoding="utf-8",
    )
    code = (
        "import sys\nfrom PySide6.QtCore import QMimeDatabase\ndb = QMimeDatabase()\n"
        "for f in sys.argv[1:]: print(db.mimeTypeForFile(f).name())"
    )
    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    files = [fit, fit_without_extension, fits_image, tcx]
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, files)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = result.stdout.split()
    assert found[0] == found[1] == "application/vnd.ant.fit"
    assert found[2] != "application/vnd.ant.fit"
    assert found[3] == "application/vnd.garmin.tcx+xml"


# --- one id everywhere --------------------------------------------------------------------------


def test_application_id_is_the_same_everywhere():
    assert cadence.APP_ID == "io.github.cadencejournal.Cadence"
    root = metainfo()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert desktop_entry()["Icon"] == APP_ID
    assert flatpak_manifest()["id"] == APP_ID
    assert (REPO / "resources" / "icons" / f"{APP_ID}.svg").is_file()
    assert MIME_XML.name.startswith(APP_ID)
    pngs = list((PACKAGING / "icons" / "hicolor").glob("*/apps/*.png"))
    assert pngs
    assert {p.name for p in pngs} == {f"{APP_ID}.png"}


def test_name_and_version_agree():
    project = pyproject()["project"]
    assert project["version"] == cadence.__version__
    root = metainfo()
    assert root.findtext("name") == cadence.APP_NAME == desktop_entry()["Name"]
    versions = [r.get("version") for r in root.iter("release")]
    assert versions[0] == cadence.__version__, "newest release first, matching the code"


def test_desktop_file_launches_the_installed_command_with_files():
    entry = desktop_entry()
    scripts = pyproject()["project"]["gui-scripts"]
    assert entry["Exec"] == "cadence %F"
    assert "cadence" in scripts
    assert entry["TryExec"] == "cadence"
    root = metainfo()
    assert root.findtext("provides/binary") == "cadence"
    assert flatpak_manifest()["command"] == "cadence"


def test_mime_types_agree_between_desktop_file_metainfo_and_definitions():
    metainfo_types = {m.text for m in metainfo().iter("mediatype")}
    assert desktop_mime_types() == metainfo_types == IMPORT_TYPES
    defined = {
        m.get("type") for m in ElementTree.parse(MIME_XML).getroot().iter(f"{MIME_NS}mime-type")
    }
    # GPX is in shared-mime-info itself; the other two are ours to define.
    assert defined == IMPORT_TYPES - {"application/gpx+xml"}


# --- Flatpak ------------------------------------------------------------------------------------


def test_flatpak_manifest_names_files_that_exist():
    manifest = flatpak_manifest()
    module = next(m for m in manifest["modules"] if m["name"] == "cadence")
    (source,) = module["sources"]
    assert source["type"] == "dir"
    checkout = (FLATPAK.parent / source["path"]).resolve()
    assert checkout == REPO
    assert ".venv" in source["skip"]

    installed = {}
    for command in module["build-commands"]:
        for src, dest in re.findall(r"install -Dm644 ([^\s;]+) ([^\s;]+)", command):
            installed[src] = dest.replace("${FLATPAK_ID}", APP_ID)
    expanded = {}
    for src, dest in installed.items():
        if "${size}" in src:
            for size in load_make_icons().SIZES:
                expanded[src.replace("${size}", str(size)).replace("${FLATPAK_ID}", APP_ID)] = (
                    dest.replace("${size}", str(size))
                )
        else:
            expanded[src] = dest
    for src in expanded:
        assert (checkout / src).is_file(), f"the Flatpak manifest installs {src}, which is missing"
    destinations = set(expanded.values())
    assert f"${{FLATPAK_DEST}}/share/applications/{APP_ID}.desktop" in destinations
    assert f"${{FLATPAK_DEST}}/share/metainfo/{APP_ID}.metainfo.xml" in destinations
    assert f"${{FLATPAK_DEST}}/share/mime/packages/{APP_ID}.xml" in destinations
    assert f"${{FLATPAK_DEST}}/share/icons/hicolor/scalable/apps/{APP_ID}.svg" in destinations
    assert f"${{FLATPAK_DEST}}/share/icons/hicolor/512x512/apps/{APP_ID}.png" in destinations
    assert any("pip3 install" in c and "--no-deps ." in c for c in module["build-commands"])


def test_flatpak_python_dependencies_follow_pyproject():
    manifest = flatpak_manifest()
    module = next(m for m in manifest["modules"] if m["name"] == "python-dependencies")
    command = " ".join(module["build-commands"])
    in_manifest = set(re.findall(r"'([^']+)'", command))
    wanted = {d.replace(" ", "") for d in pyproject()["project"]["dependencies"]}
    # PySide6 comes from the io.qt.PySide BaseApp, not from pip.
    assert manifest["base"] == "io.qt.PySide.BaseApp"
    assert in_manifest == {d for d in wanted if not d.lower().startswith("pyside6")}


# --- icons and build scripts --------------------------------------------------------------------


def test_png_icons_are_generated_in_every_size_and_up_to_date(qapp):
    from PySide6.QtGui import QImage

    make_icons = load_make_icons()
    assert make_icons.SIZES == (16, 32, 48, 64, 128, 256, 512)
    for size in make_icons.SIZES:
        image = QImage(str(make_icons.png_path(size)))
        assert not image.isNull(), f"{size}px icon missing: run python packaging/make_icons.py"
        assert (image.width(), image.height()) == (size, size)
        opaque = sum(
            image.pixelColor(x, y).alpha() == 255 for y in range(size) for x in range(size)
        )
        assert opaque > size * size // 2, f"{size}px icon is mostly empty"
    assert make_icons.stale_icons() == []


def test_icon_check_notices_a_changed_drawing(qapp, tmp_path):
    make_icons = load_make_icons()
    changed = tmp_path / "changed.svg"
    changed.write_text(
        make_icons.SVG.read_text(encoding="utf-8").replace("#7C4DFF", "#FF0000"), encoding="utf-8"
    )
    fresh, edited = make_icons.render(64), make_icons.render(64, changed)
    assert make_icons.difference(fresh, make_icons.render(64)) == 0
    assert make_icons.difference(fresh, edited) > make_icons.TOLERANCE
    assert make_icons.difference(fresh, make_icons.render(32)) == float("inf")


def test_pyinstaller_spec_and_build_script_are_well_formed():
    spec = (PACKAGING / "cadence.spec").read_text(encoding="utf-8")
    compile(spec, "cadence.spec", "exec")
    assert 'collect_submodules("cadence")' in spec
    assert '"cadence/resources"' in spec
    assert 'collect_data_files("pyqtgraph")' in spec
    assert '"playhouse.migrate"' in spec
    for name in ("build_bundle.sh", "install_desktop.sh"):
        script = PACKAGING / name
        assert os.access(script, os.X_OK), f"{name} must be executable"
        subprocess.run(["bash", "-n", str(script)], check=True)


def test_install_desktop_script_installs_and_removes_the_integration(tmp_path):
    prefix = tmp_path / "prefix"
    script = PACKAGING / "install_desktop.sh"
    subprocess.run([script, "--prefix", str(prefix)], check=True, capture_output=True)
    share = prefix / "share"
    ours = [
        share / "applications" / f"{APP_ID}.desktop",
        share / "metainfo" / f"{APP_ID}.metainfo.xml",
        share / "mime" / "packages" / f"{APP_ID}.xml",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        *(
            share / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png"
            for n in load_make_icons().SIZES
        ),
    ]
    for path in ours:
        assert path.is_file(), path
    if shutil.which("update-mime-database"):
        globs = (share / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/vnd.ant.fit:*.fit" in globs
    if shutil.which("update-desktop-database"):
        cache = (share / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        assert f"application/vnd.ant.fit={APP_ID}.desktop;" in cache

    subprocess.run(
        [script, "--prefix", str(prefix), "--uninstall"], check=True, capture_output=True
    )
    assert not any(path.exists() for path in ours)


# --- the wheel ----------------------------------------------------------------------------------


def run_ok(args: list, timeout: float, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run a build step; on failure show its output, not just its exit status."""
    result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.mark.slow
def test_wheel_carries_its_resources_into_a_clean_venv(tmp_path):
    """Build sdist and wheel, install the wheel in a fresh venv, and run it from there.

    The venv is made without pip: this interpreter's pip installs into it (`pip --python`), which
    spares bootstrapping a pip for it and for each of build's isolated environments. The venv gets
    `build` and exactly the backend pyproject.toml asks for, then builds without isolation: build
    still refuses if a declared build requirement is missing, so the declaration is proved."""
    import venv
    import zipfile

    # Nothing from the checkout may reach the venv, not even through a PYTHONPATH set for the tests.
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", str(python), "install"]
    install += ["--quiet", "--disable-pip-version-check", "--no-compile"]
    run_ok([*install, "build", *pyproject()["build-system"]["requires"]], timeout=300)

    dist = tmp_path / "dist"
    build = [python, "-m", "build", "--no-isolation", "--outdir", str(dist), str(REPO)]
    run_ok(build, timeout=300)  # the sdist, then the wheel from the unpacked sdist
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert f"cadence/resources/icons/{APP_ID}.svg" in names
    assert "cadence/resources/icons/start.svg" in names
    assert "cadence/resources.py" in names

    run_ok([*install, str(wheel)], timeout=600)
    outside = tmp_path / "elsewhere"  # not the checkout, so nothing can come from resources/
    outside.mkdir()
    version = subprocess.run(
        [python, "-m", "cadence", "--version"],
        cwd=outside,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert version.stdout.strip() == f"cadence {cadence.__version__}", version.stderr

    code = (
        "import cadence.resources as r\n"
        "print(r.app_icon_path())\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication([])\n"
        "from cadence.ui.icons import icon\n"
        "print(icon('start').pixmap(24, 24).isNull())\n"
    )
    env = dict(clean, QT_QPA_PLATFORM="offscreen")
    found = run_ok([python, "-c", code], timeout=120, cwd=outside, env=env).stdout.split()
    assert Path(found[0]).is_relative_to(env_dir), "the icon must come from the installed wheel"
    assert found[1] == "False", "the installed wheel renders its SVG icons"
    assert sdist.stat().st_size > 0
