"""How the browser tests start Debian's headless Chromium here (no network besides loopback)."""

from bot.paths import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"  # screenshots and downloads (git-ignored)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
