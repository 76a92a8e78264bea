"""RFC 9309 behaviour of gensafe.provenance.robots (and where protego is fixed around)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gensafe.cli import main
from gensafe.provenance.robots import MAX_BYTES, RobotsTxt, product_token


def allowed(robots: str | bytes, agent: str, url: str, status: int | None = 200) -> bool:
    return RobotsTxt.parse(robots, status).decide(url, agent).allowed


# ---------------------------------------------------------------- matching
@pytest.mark.parametrize("robots,agent,url,expected", [
    # longest match wins, whichever kind it is
    ("User-agent: alpha\nDisallow: /docs/guide.html\nAllow: /docs/\n", "alpha", "http://h.test/docs/guide.html", False),
    ("User-agent: alpha\nAllow: /docs/guide.html\nDisallow: /docs/\n", "alpha", "http://h.test/docs/guide.html", True),
    ("User-agent: alpha\nAllow: /docs/guide.html\nDisallow: /docs/\n", "alpha", "http://h.test/docs/", False),
    ("User-agent: alpha\nDisallow: /a\nAllow: /a/\n", "alpha", "http://h.test/a", False),
    ("User-agent: alpha\nDisallow: /a\nAllow: /a/\n", "alpha", "http://h.test/a/", True),
    # a tie goes to allow
    ("User-agent: alpha\nDisallow: /same.html\nAllow: /same.html\n", "alpha", "http://h.test/same.html", True),
    ("User-agent: alpha\nDisallow: /\nAllow: /\n", "alpha", "http://h.test/x", True),
    # wildcards are counted in the pattern length
    ("User-agent: alpha\nAllow: /item\nDisallow: /*.pdf\n", "alpha", "http://h.test/item.pdf", False),
    ("User-agent: alpha\nAllow: /item\nDisallow: /*.pdf\n", "alpha", "http://h.test/item", True),
    ("User-agent: alpha\nAllow: /d/item.\nDisallow: /*.pdf\n", "alpha", "http://h.test/d/item.pdf", True),
    # empty Disallow / Allow disallow nothing
    ("User-agent: alpha\nDisallow:\nAllow:\n", "alpha", "http://h.test/x", True),
    ("User-agent: *\nDisallow:\n", "beta", "http://h.test/anything", True),
    # '*' and '$'
    ("User-agent: alpha\nDisallow: /shop/*/cart\n", "alpha", "http://h.test/shop/a/b/cart", False),
    ("User-agent: alpha\nDisallow: /shop/*/cart\n", "alpha", "http://h.test/shop/cart", True),
    ("User-agent: alpha\nDisallow: /exact$\n", "alpha", "http://h.test/exact", False),
    ("User-agent: alpha\nDisallow: /exact$\n", "alpha", "http://h.test/exact/", True),
    ("User-agent: alpha\nDisallow: /\nAllow: /*.txt$\n", "alpha", "http://h.test/a/notes.txt", True),
    ("User-agent: alpha\nDisallow: /\nAllow: /*.txt$\n", "alpha", "http://h.test/a/notes.txt?x=1", False),
    ("User-agent: alpha\nDisallow: /\nAllow: /*.txt$\n", "alpha", "http://h.test/a/notes.txt5", False),
    ("User-agent: alpha\nAllow: /$\nDisallow: /\n", "alpha", "http://h.test/", True),
    ("User-agent: alpha\nAllow: /$\nDisallow: /\n", "alpha", "http://h.test/index.php", False),
    ("User-agent: alpha\nDisallow: *\n", "alpha", "http://h.test/q", False),
    # paths are case sensitive, the query is part of the path
    ("User-agent: alpha\nDisallow: /Private/\n", "alpha", "http://h.test/private/x", True),
    ("User-agent: alpha\nDisallow: /\nAllow: /fruit\n", "alpha", "http://h.test/?q=fruit", False),
    ("User-agent: alpha\nDisallow: /\nAllow: /fruit\n", "alpha", "http://h.test/fruit.html?id=1", True),
    ("User-agent: alpha\nDisallow: /\nAllow: /fruit/\n", "alpha", "http://h.test/fruit", False),
    # comments
    ("User-agent: alpha\n# Disallow: /\nDisallow: /tmp#secret\nAllow: /\n", "alpha", "http://h.test/tmp", False),
    ("User-agent: alpha\n# Disallow: /\nDisallow: /tmp#secret\nAllow: /\n", "alpha", "http://h.test/other", True),
    # percent-encoding normalisation (RFC 9309 §2.2.2)
    ("User-agent: alpha\nDisallow: /\nAllow: /wiki/ツ\n", "alpha", "http://h.test/wiki/%E3%83%84", True),
    ("User-agent: alpha\nDisallow: /\nAllow: /wiki/ツ\n", "alpha", "http://h.test/wiki/ツ", True),
    ("User-agent: alpha\nDisallow: /\nAllow: /wiki/%E3%83%84\n", "alpha", "http://h.test/wiki/%e3%83%84", True),
    ("User-agent: alpha\nDisallow: /\nAllow: /p/%61%62%63\n", "alpha", "http://h.test/p/abc", True),
    ("User-agent: alpha\nDisallow: /\nAllow: /q?a=b&c=http://x.y?z\n", "alpha", "http://h.test/q?a=b&c=http://x.y?z", True),
    # /robots.txt itself is always allowed
    ("User-agent: *\nDisallow: /\n", "alpha", "http://h.test/robots.txt", True),
    # Google / protego: allowing /dir/index.html allows /dir/
    ("User-agent: *\nAllow: /open/index.html\nDisallow: /\n", "alpha", "http://h.test/open/", True),
    ("User-agent: *\nAllow: /open/index.html\nDisallow: /\n", "alpha", "http://h.test/open/index.htm", False),
])
def test_matching(robots: str, agent: str, url: str, expected: bool) -> None:
    assert allowed(robots, agent, url) is expected


# ---------------------------------------------------------------- groups and user agents
GROUPS = (
    "allow: /orphan/\n"            # outside any group: ignored
    "\n"
    "user-agent: AlphaBot\n"
    "disallow: /\n"
    "allow: /a/\n"
    "user-agent: BetaBot\n"
    "disallow: /\n"
    "allow: /b/\n"
    "\n\n"
    "allow: /c/\n"                 # blank lines do not end a group
    "user-agent: GammaBot\n"
    "\n"
    "user-agent: AlphaBot\n"       # Gamma and Alpha share this group; Alpha's groups merge
    "allow: /d/\n"
    "disallow: /\n"
)


@pytest.mark.parametrize("agent,path,expected", [
    ("AlphaBot", "/a/1", True), ("AlphaBot", "/d/1", True), ("AlphaBot", "/b/1", False),
    ("BetaBot", "/b/1", True), ("BetaBot", "/c/1", True), ("BetaBot", "/d/1", False),
    ("GammaBot", "/d/1", True), ("GammaBot", "/a/1", False),
    ("AlphaBot", "/orphan/", False), ("BetaBot", "/orphan/", False),
    ("OtherBot", "/anything", True),  # no group and no '*': no rules apply
])
def test_group_syntax_and_merging(agent: str, path: str, expected: bool) -> None:
    assert allowed(GROUPS, agent, f"http://h.test{path}") is expected


def test_global_group_fallback_and_specific_group_precedence() -> None:
    robots = "User-agent: *\nDisallow: /x/\nUser-agent: alpha\nDisallow: /y/\n"
    assert allowed(robots, "alpha", "http://h.test/x/1")      # specific group replaces '*'
    assert not allowed(robots, "alpha", "http://h.test/y/1")
    assert not allowed(robots, "other", "http://h.test/x/1")
    assert allowed("", "alpha", "http://h.test/x")


def test_star_groups_merge() -> None:
    robots = "User-agent: *\nDisallow: /one\n\nUser-agent: beta\nDisallow: /\n\nUser-agent: *\nDisallow: /two\n"
    assert not allowed(robots, "zeta", "http://h.test/one")
    assert not allowed(robots, "zeta", "http://h.test/two")
    assert allowed(robots, "zeta", "http://h.test/three")


@pytest.mark.parametrize("robots", [
    "USER-AGENT: alpha\nALLOW: /x/\nDISALLOW: /\n",
    "user-agent: alpha\nallow: /x/\ndisallow: /\n",
    "uSeR-aGeNt: ALPHA\naLlOw: /x/\nDiSaLlOw: /\n",
    "user-agent alpha\nallow /x/\ndisallow /\n",  # missing colon accepted for known directives
])
def test_directive_names_and_agent_values_case_insensitive(robots: str) -> None:
    for agent in ("alpha", "ALPHA", "Alpha"):
        assert allowed(robots, agent, "http://h.test/x/y")
        assert not allowed(robots, agent, "http://h.test/z")


def test_unknown_field_lines_do_not_count() -> None:
    assert allowed("foo: alpha\nbar: /\n", "alpha", "http://h.test/x")


# -- protego deviations fixed around (each would fail with plain protego) --
def test_fix_unknown_line_does_not_end_group() -> None:
    robots = "User-agent: alpha\nCrawl-delay: 5\nUser-agent: *\nDisallow: /\n"
    assert not allowed(robots, "alpha", "http://h.test/")
    robots2 = "User-agent: alpha\nSome-Typo-Line: whatever\nUser-agent: *\nDisallow: /\n"
    assert not allowed(robots2, "alpha", "http://h.test/")
    robots3 = "User-agent: alpha\nSitemap: https://h.test/sitemap.xml\nUser-agent: *\nDisallow: /\n"
    assert not allowed(robots3, "alpha", "http://h.test/")


def test_fix_agent_value_is_product_token_up_to_first_invalid_char() -> None:
    robots = "User-Agent: *\nDisallow: /\nUser-Agent: Alpha Beta\nAllow: /x/\nDisallow: /\n"
    assert allowed(robots, "Alpha", "http://h.test/x/y")
    assert not allowed(robots, "Alpha", "http://h.test/z")
    assert product_token("GPTBot/1.1 (+https://openai.com/gptbot)") == "GPTBot"
    assert product_token("*") == "*"


def test_fix_no_prefix_matching_of_agent_tokens() -> None:
    robots = "User-agent: Google\nDisallow: /\nUser-agent: alpha\nDisallow: /\n"
    # Google-Extended has no group of its own and no '*' group: nothing applies to it
    assert allowed(robots, "Google-Extended", "http://h.test/x")
    assert allowed(robots, "alphabot", "http://h.test/x")
    assert not allowed(robots, "Google", "http://h.test/x")


def test_fix_byte_order_mark_skipped() -> None:
    for bom in (b"\xef\xbb\xbf", b"\xef\xbb", b"\xef"):
        assert not allowed(bom + b"User-agent: alpha\nDisallow: /\n", "alpha", "http://h.test/x")
    assert not allowed("\ufeffUser-agent: alpha\nDisallow: /\n", "alpha", "http://h.test/x")


def test_fix_500_kib_limit() -> None:
    head = b"User-agent: alpha\nDisallow: /early\n"
    filler = b"# " + b"x" * 1000 + b"\n"
    body = head + filler * ((MAX_BYTES - len(head)) // len(filler) + 1)
    assert len(body) > MAX_BYTES
    body_late = body + b"Disallow: /late\n" + filler * 10
    r = RobotsTxt.parse(body_late)
    assert r.truncated
    assert not r.decide("http://h.test/early", "alpha").allowed
    assert r.decide("http://h.test/late", "alpha").allowed  # beyond 500 KiB: ignored
    # a rule cut in half by the limit is dropped, not shortened into a broader rule
    pad = MAX_BYTES - len(head) - len(b"Disallow: /ab")
    cut = head + b"#" * (pad - 1) + b"\n" + b"Disallow: /abcdef\n"
    r2 = RobotsTxt.parse(cut)
    assert r2.decide("http://h.test/abzzz", "alpha").allowed


def test_line_endings() -> None:
    for eol in ("\n", "\r\n", "\r"):
        robots = eol.join(["User-agent: one", "Allow: /p", "User-agent: two", "", "", "Disallow: /"])
        assert not allowed(robots, "two", "http://h.test/x")
        assert allowed(robots, "one", "http://h.test/x")


# ---------------------------------------------------------------- HTTP status
@pytest.mark.parametrize("status,expected", [
    (200, False), (400, True), (401, True), (403, True), (404, True), (410, True),
    (429, False), (500, False), (503, False), (None, False),
])
def test_status_semantics(status: int | None, expected: bool) -> None:
    d = RobotsTxt.parse("User-agent: *\nDisallow: /\n", status).decide("http://h.test/x", "alpha")
    assert d.allowed is expected
    if status not in (200,):
        assert ("HTTP" in d.rule) or ("unreachable" in d.rule)


# ---------------------------------------------------------------- several agents
def test_disallow_for_any_configured_agent_counts() -> None:
    robots = "User-agent: *\nAllow: /\nUser-agent: CCBot\nDisallow: /news/\n"
    r = RobotsTxt.parse(robots)
    d = r.decide_any("http://h.test/news/1", ["mycrawler", "GPTBot", "CCBot"])
    assert not d.allowed and d.agent == "CCBot" and d.rule == "CCBot: Disallow: /news/" and d.line == 4
    assert r.decide_any("http://h.test/sports/1", ["mycrawler", "GPTBot", "CCBot"]).allowed


# ---------------------------------------------------------------- CLI
@pytest.fixture()
def robots_file(tmp_path):
    p = tmp_path / "robots.txt"
    p.write_text("User-agent: *\nAllow: /\n\nUser-agent: GPTBot\nDisallow: /private\n", encoding="utf-8")
    return p


def test_cli_json(robots_file) -> None:
    res = CliRunner().invoke(main, ["robots", "check", "--robots-file", str(robots_file), "--user-agent", "GPTBot",
                                    "--user-agent", "CCBot", "--json", "https://e.test/private/a", "https://e.test/pub"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert [d["url"] for d in data] == ["https://e.test/private/a", "https://e.test/pub"]
    assert data[0]["allowed"] is False and data[0]["rule"] == "GPTBot: Disallow: /private"
    assert data[1]["allowed"] is True
    assert set(data[0]) >= {"url", "allowed", "rule"}


def test_cli_table_and_status(robots_file) -> None:
    res = CliRunner().invoke(main, ["robots", "check", "--robots-file", str(robots_file), "--user-agent", "GPTBot",
                                    "https://e.test/private/a"])
    assert res.exit_code == 0 and "disallowed" in res.output and "line 5" in res.output
    res = CliRunner().invoke(main, ["robots", "check", "--robots-file", str(robots_file), "--user-agent", "GPTBot",
                                    "--status", "503", "--json", "https://e.test/pub"])
    assert json.loads(res.output)[0]["allowed"] is False


def test_cli_unreadable_file(tmp_path) -> None:
    res = CliRunner().invoke(main, ["robots", "check", "--robots-file", str(tmp_path / "missing.txt"),
                                    "--user-agent", "GPTBot", "https://e.test/"])
    assert res.exit_code == 1
    assert "missing.txt" in res.output and "cannot read" in res.output and "Traceback" not in res.output


# ---------------------------------------------------------------- RFC 9309 §5.1-style file
RFC_STYLE = (
    "User-Agent: *\n"
    "Disallow: *.png$\n"
    "Disallow: /samples/\n"
    "Allow: /papers/\n"
    "\n"
    "User-Agent: onebot\n"
    "Disallow:/\n"
    "Allow:/samples/view.html\n"
    "Allow:/samples/ok.png\n"
    "\n"
    "User-Agent: twobot\n"
    "User-Agent: threebot\n"
    "Disallow: /samples/view.html\n"
    "\n"
    "User-Agent: fourbot\n"
    "\n"
    "END\n"
)


@pytest.mark.parametrize("agent,path,expected", [
    ("onebot", "/samples/view.html", True), ("onebot", "/samples/ok.png", True), ("onebot", "/else", False),
    ("twobot", "/samples/view.html", False), ("threebot", "/samples/view.html", False),
    ("twobot", "/samples/other", True), ("twobot", "/x.png", True),
    # a group with no rules exists: its agent may fetch everything, it does not fall back to '*'
    ("fourbot", "/samples/view.html", True), ("fourbot", "/x.png", True),
    ("anybot", "/x.png", False), ("anybot", "/samples/x", False), ("anybot", "/papers/x", True),
])
def test_rfc_style_example(agent: str, path: str, expected: bool) -> None:
    assert allowed(RFC_STYLE, agent, f"http://h.test{path}") is expected


def test_empty_inputs() -> None:
    assert allowed("", "alpha", "")
    assert allowed("User-agent: alpha\nDisallow: /\n", "", "http://h.test/x")  # no token: no group
    assert not allowed("User-agent: alpha\nDisallow: /\n", "alpha", "")       # empty URL is "/"


def test_overlong_lines_are_cut_like_the_reference_parser() -> None:
    rule = "/p/" + "a" * 20000
    robots = "User-agent: alpha\nDisallow: " + rule + "/tail\n"
    assert allowed(robots, "alpha", "http://h.test/q")
    # the rule was cut before "/tail", so it now matches any URL sharing the kept part
    assert not allowed(robots, "alpha", "http://h.test" + rule + "/other")


# ---------------------------------------------------------------- agreement with protego's matcher
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from protego import Protego  # noqa: E402

_SEG = st.sampled_from(["a", "b", "ab", "%61", "%2F", "ツ", "%E3%83%84", "/", "*", ".", "-", "?", "=", "x y", "%7e", "~"])
_PATTERN = st.builds(lambda parts, end: "/" + "".join(parts) + ("$" if end else ""), st.lists(_SEG, max_size=5),
                     st.booleans())
_PATH = st.builds(lambda parts: "/" + "".join(parts), st.lists(
    st.sampled_from(["a", "b", "ab", "%61", "/", ".", "-", "?", "=", "ツ", "%E3%83%84", "~", "%7E", "x"]), max_size=7))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(["Allow", "Disallow"]), _PATTERN), min_size=1, max_size=6), _PATH)
def test_single_group_matching_agrees_with_protego(rules, path) -> None:
    """Where protego follows RFC 9309 (one group, path matching) our rule-by-rule
    evaluation, with its literal-prefix prefilter, must give protego's answer."""
    text = "User-agent: alpha\n" + "".join(f"{k}: {v}\n" for k, v in rules)
    url = "http://h.test" + path
    assert RobotsTxt.parse(text).decide(url, "alpha").allowed == Protego.parse(text).can_fetch(url, "alpha")
