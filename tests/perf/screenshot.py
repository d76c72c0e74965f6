"""Make the README screenshot of graph.html from the current build (not a test).

Usage::

    python tests/perf/screenshot.py --out notebooks/graph-screenshot.png

Builds the seed articles (``actorgraph build seeds``) into a temporary folder,
opens its graph.html in headless Chromium (offline, 1400x900) and saves the
first view, the page as a new user meets it. ``--select NAME`` searches for an
actor first, so the shot shows its neighbourhood and the details panel.
Needs ``selenium`` and Chromium with its driver (Debian ``chromium`` and
``chromium-driver``).
"""

from __future__ import annotations

import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
CHROMEDRIVER = ("/usr/bin/chromedriver", "chromedriver")


def _find(names: tuple[str, ...]) -> str:
    for name in names:
        found = shutil.which(name) or (name if pathlib.Path(name).is_file() else None)
        if found:
            return found
    raise SystemExit(f"none of {', '.join(names)} is installed")


def build(inputs: pathlib.Path, out: pathlib.Path) -> pathlib.Path:
    """Run ``actorgraph build`` on ``inputs`` into ``out``; the path of its graph.html."""
    command = [sys.executable, "-m", "actorgraph.graph.cli", "build", str(inputs), "-o", str(out)]
    subprocess.run(command, check=True)
    return out / "graph.html"


def screenshot(page: pathlib.Path, png: pathlib.Path, size: str, select: str | None) -> None:
    """Open ``page`` offline in headless Chromium and save the view as ``png``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _find(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--window-size={size}",
        "--force-device-scale-factor=1",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=_find(CHROMEDRIVER)))
    try:
        width, height = (int(v) for v in size.split(","))
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        driver.get(page.resolve().as_uri())
        deadline = time.monotonic() + 30
        while not driver.execute_script("return !!(window.actorgraph && actorgraph.ready)"):
            if time.monotonic() > deadline:
                raise SystemExit(f"{page} was not ready after 30 s")
            time.sleep(0.05)
        if (
            select
            and driver.execute_script("return actorgraph.search(arguments[0])", select) is None
        ):
            raise SystemExit(f"no actor named {select!r} in {page}")
        time.sleep(0.8)  # focus animation, last redraw
        png.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(png))
    finally:
        driver.quit()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "notebooks/graph-screenshot.png")
    parser.add_argument("--inputs", type=pathlib.Path, default=ROOT / "seeds")
    parser.add_argument("--size", default="1400,900", help="window WIDTH,HEIGHT in pixels")
    parser.add_argument("--select", default=None, help="search for this actor before the shot")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="actorgraph-shot-") as tmp:
        page = build(args.inputs, pathlib.Path(tmp))
        screenshot(page, args.out, args.size, args.select)
    print(f"wrote {args.out} from a build of {args.inputs}")


if __name__ == "__main__":
    main()
