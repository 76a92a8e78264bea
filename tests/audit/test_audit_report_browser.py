"""The HTML report in a real headless Chromium (Debian's chromium + chromium-driver, via Selenium).

Nothing is fetched: the page is a local file with inline CSS and SVG, and
Chromium runs with networking features off.  Skips when the browser, the
driver or Selenium is missing (install: apt-get install -y chromium chromium-driver;
pip install selenium).
"""
import json
import os
import shutil
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "audit"))

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

_missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not (os.path.exists(p) or shutil.which(os.path.basename(p)))]
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover - depends on the machine
    webdriver = None

pytestmark = [
    pytest.mark.skipif(bool(_missing), reason=f"headless browser test needs {', '.join(_missing)} "
                                              "(apt-get install -y chromium chromium-driver)"),
    pytest.mark.skipif(webdriver is None, reason="headless browser test needs selenium (pip install selenium)"),
]

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
         "--window-size=1280,2000"]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    import auditdb
    from gensafe.cli import main

    tmp = tmp_path_factory.mktemp("browser")
    db, run = auditdb.build(tmp, compliant=True)
    out = tmp / "report.html"
    r = CliRunner().invoke(main, ["audit", "report", "--db", str(db), "--format", "html", "--out", str(out)])
    assert r.exit_code == 0, r.output
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    for f in FLAGS:
        opts.add_argument(f)
    svc = Service(CHROMEDRIVER if os.path.exists(CHROMEDRIVER) else shutil.which("chromedriver"))
    drv = webdriver.Chrome(service=svc, options=opts)
    try:
        drv.get(out.as_uri())
        yield drv, db, run
    finally:
        drv.quit()


def _q(db, sql, *params):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def _num(drv, item, key):
    el = drv.find_element(By.CSS_SELECTOR, f'td[data-item="{item}"][data-number="{key}"]')
    return json.loads(el.get_attribute("data-value")), el.text


def test_page_renders_with_charts(page):
    drv, _, run = page
    assert run in drv.title
    assert drv.find_element(By.ID, "overall").get_attribute("data-verdict") == "compliant"
    assert "compliant" in drv.find_element(By.ID, "overall").text
    for cid in ("chart-source-rates", "chart-risk-removals", "chart-trend"):
        svg = drv.find_element(By.ID, cid)
        assert svg.tag_name == "svg" and svg.is_displayed()
        assert svg.size["width"] > 100 and svg.size["height"] > 40  # laid out, not empty
    rates = drv.find_elements(By.CSS_SELECTOR, "#chart-source-rates g.source")
    assert len(rates) == 5 and all(g.find_elements(By.CSS_SELECTOR, "line.whisker") for g in rates)
    thresholds = {e.get_attribute("data-threshold")
                  for e in drv.find_elements(By.CSS_SELECTOR, "#chart-source-rates line.threshold")}
    assert {"0.95", "0.98"} <= thresholds
    assert drv.find_elements(By.CSS_SELECTOR, "#chart-risk-removals g.bar[data-code='A1d']")
    # every resource the page loaded is the page itself (no network, no fonts, no scripts)
    names = drv.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert names == []


def test_numbers_on_page_match_duckdb(page):
    drv, db, run = page
    kept, kept_q, inp, inp_q = _q(db, """SELECT count(*) FILTER (WHERE decision = 'kept'),
        count(*) FILTER (WHERE decision = 'kept' AND NOT unsafe), count(*), count(*) FILTER (WHERE NOT unsafe)
        FROM documents WHERE run_id = ?""", run)[0]
    assert _num(drv, "B.2.1.2.1", "kept")[0] == kept
    v, text = _num(drv, "B.2.1.2.1", "kept_qualified_rate")
    assert v == pytest.approx(kept_q / kept) and text == f"{kept_q / kept * 100:.2f} %"
    v, text = _num(drv, "B.2.1.2.1", "input_qualified_rate")
    assert v == pytest.approx(inp_q / inp) and text == f"{inp_q / inp * 100:.2f} %"
    (n_pi,) = _q(db, "SELECT count(*) FROM documents WHERE run_id = ? AND pii_count > 0", run)[0]
    assert _num(drv, "B.2.1.2.3", "input_with_pi") == (n_pi, str(n_pi))
    # the per-source chart and table against the view
    for sid, docs, rate in _q(db, "SELECT source_id, documents, qualified_rate FROM source_qualified_rate "
                                  "WHERE run_id = ?", run):
        g = drv.find_element(By.CSS_SELECTOR, f'#chart-source-rates g.source[data-source="{sid}"]')
        assert float(g.get_attribute("data-rate")) == pytest.approx(rate)
        assert int(g.get_attribute("data-documents")) == docs
    # removals per risk code: chart bars against documents
    for code, removed in _q(db, """SELECT code, count(*) FROM (SELECT unnest(risk_codes) AS code FROM documents
                                   WHERE run_id = ? AND decision = 'removed') GROUP BY code""", run):
        bar = drv.find_element(By.CSS_SELECTOR, f'#chart-risk-removals g.bar[data-code="{code}"]')
        assert int(bar.get_attribute("data-removed")) == removed
    # run counts and verdict badges
    assert drv.find_element(By.CSS_SELECTOR, 'td[data-run-field="kept"]').text == f"{kept:,}"
    verdicts = {e.get_attribute("data-item-verdict"): e.get_attribute("data-verdict")
                for e in drv.find_elements(By.CSS_SELECTOR, "[data-item-verdict]")}
    assert verdicts["B.2.1.2.1"] == "compliant"
    # the 7 content/provenance items and the 4 annotation items of B.2.1.3 (no annotation recorded in this run)
    annotation = {k: v for k, v in verdicts.items() if k.startswith("B.2.1.3")}
    assert len(verdicts) - len(annotation) == 7 and len(annotation) == 4, verdicts
