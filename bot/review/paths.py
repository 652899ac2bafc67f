"""Files of the review package that are not Python: templates, static assets, npm libraries."""

from pathlib import Path

REVIEW_DIR = Path(__file__).resolve().parent
NODE_MODULES = REVIEW_DIR / "node_modules"
# Served at /vendor/<name>; installed by `npm ci --prefix bot/review` (see package.json).
VENDOR_FILES: dict[str, Path] = {
    "chart.umd.min.js": NODE_MODULES / "chart.js" / "dist" / "chart.umd.min.js",
}
