"""The static dbt docs site, opened in a real headless browser.

The page is one HTML file with the manifest and catalog inlined; the dbt docs app renders the
model list, the overview and the model pages with JavaScript. So the checks read the DOM that
headless Chromium dumps after running the page, with scripts left out: text that is only inside
the inlined JSON or the app's code does not count.

Chromium is a requirement of the test suite (`make browser`, run by `make test`): without it
these tests fail, they do not skip.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from orchestration.cli import build
from orchestration.docs_site import build_docs_site

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "/usr/bin/chromium")


class _RenderedDom(HTMLParser):
    """Visible text and model-tree entries of a dumped DOM, outside <script>, <style>, <template>."""

    hidden = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__()
        self._hidden_depth = 0
        self._texts: list[str] = []
        # unique ids of the entries of the sidebar's project tree (<a data-nav-unique-id=...>)
        self.nav_ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag in self.hidden:
            self._hidden_depth += 1
        elif tag == "a" and not self._hidden_depth:
            self.nav_ids.update(value for name, value in attrs if name == "data-nav-unique-id" and value)

    def handle_endtag(self, tag):
        if tag in self.hidden:
            self._hidden_depth -= 1

    def handle_data(self, data):
        if not self._hidden_depth and data.strip():
            self._texts.append(data.strip())

    @property
    def text(self) -> str:
        return " ".join(self._texts)

    @classmethod
    def of(cls, html: str) -> _RenderedDom:
        dom = cls()
        dom.feed(html)
        return dom


def chromium() -> str:
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    pytest.fail("chromium is not installed: run `make browser` (apt-get install chromium)", pytrace=False)


def render(page: Path, profile_dir: Path, fragment: str = "") -> _RenderedDom:
    """The DOM of `page` after its scripts ran, as headless Chromium dumps it."""
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile_dir}",
        "--virtual-time-budget=15000",
        "--dump-dom",
        page.as_uri() + fragment,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    return _RenderedDom.of(completed.stdout)


@pytest.fixture(scope="module")
def docs_page(tmp_path_factory) -> Path:
    scratch = tmp_path_factory.mktemp("docs_site")
    warehouse = scratch / "warehouse.duckdb"
    summary = build(SEEDS, warehouse)
    assert summary["success"], summary.get("failures")
    return build_docs_site(warehouse, scratch / "published" / "docs" / "index.html")


@pytest.fixture(scope="module")
def home(docs_page, tmp_path_factory) -> _RenderedDom:
    return render(docs_page, tmp_path_factory.mktemp("chromium_profile"))


def test_docs_site_is_one_self_contained_page(docs_page):
    html = docs_page.read_text(encoding="utf-8")
    assert docs_page.name == "index.html"
    # dbt inlines the manifest and catalog in place of these placeholders
    assert '"MANIFEST.JSON INLINE DATA"' not in html
    assert '"CATALOG.JSON INLINE DATA"' not in html
    assert "model.skyledger.fct_claims" in html


def test_model_list_is_rendered_by_the_browser_not_in_the_raw_html(docs_page, home):
    raw = _RenderedDom.of(docs_page.read_text(encoding="utf-8"))
    assert "fct_claims" not in raw.text, "the check must depend on the page's JavaScript"

    assert "fct_claims" in home.text.split()
    assert "model.skyledger.fct_claims" in home.nav_ids


def test_every_mart_is_in_the_rendered_project_tree(home):
    for mart in (
        "fct_claims",
        "fct_claims_deduplicated",
        "fct_region_daily",
        "fct_region_night_comparison",
        "fct_national_daily",
        "dim_region",
        "dim_claimant",
        "dim_article",
    ):
        assert f"model.skyledger.{mart}" in home.nav_ids, mart


def test_overview_tells_analysts_which_table_answers_which_question(home):
    assert "Which table answers which question" in home.text
    assert "contradictions.conflicting_figures_same_claimant" in home.text
    assert "when we learned it" in home.text


def test_fct_claims_page_describes_its_bitemporal_columns(docs_page, tmp_path):
    page = render(docs_page, tmp_path / "chromium_profile", "#!/model/model.skyledger.fct_claims")
    assert "first_published_at" in page.text
    assert "When we first learned the claim" in page.text
