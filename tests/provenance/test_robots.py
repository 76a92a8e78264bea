"""RFC 9309 behaviour of gensafe.provenance.robots (and where protego is fixed around)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gensafe.cli import main
from gensafe.provenance.robots import (MAX_BYTES, RobotsError, RobotsTxt, is_product_token, product_token, product_tokens,
                                       request_path)


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


# derandomize: CI must not fail on the day a random draw finds a new case; a random run on 2 Dec 2026 found
# Allow: /* + Disallow: /? on "/?" (equal-length allow and disallow: RFC 9309 says allow, protego disallows),
# an open question for the robots owner, pinned as a known difference below
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(["Allow", "Disallow"]), _PATTERN), min_size=1, max_size=6), _PATH)
def test_single_group_matching_agrees_with_protego(rules, path) -> None:
    """Where protego follows RFC 9309 (one group, path matching) our rule-by-rule
    evaluation, with its literal-prefix prefilter, must give protego's answer."""
    text = "User-agent: alpha\n" + "".join(f"{k}: {v}\n" for k, v in rules)
    url = "http://h.test" + path
    # protego keeps "%2F" apart from "/", RFC 9309 §2.2.2 does not: give protego the RFC's reading
    ref = Protego.parse(text.replace("%2F", "/")).can_fetch(url.replace("%2F", "/"), "alpha")
    assert RobotsTxt.parse(text).decide(url, "alpha").allowed == ref


def test_equal_length_allow_and_disallow_known_difference_from_protego() -> None:
    """RFC 9309 §2.2.2: of equivalent allow and disallow rules, allow SHOULD be used (protego disallows)."""
    text = "User-agent: alpha\nAllow: /*\nDisallow: /?\n"
    assert RobotsTxt.parse(text).decide("http://h.test/?", "alpha").allowed is True
    assert Protego.parse(text).can_fetch("http://h.test/?", "alpha") is False


# ================================================================ conformance cases
# Cases written for gensafe after the RFC 9309 text (its examples and MUSTs) and after
# google/robotstxt robots_test.cc (Apache-2.0): each group says which test it follows.
# ``expected`` is what gensafe answers.  Where it deliberately differs from Google's
# reference parser, ``google`` holds Google's answer and ``why`` says why we differ.
from typing import NamedTuple  # noqa: E402


class Case(NamedTuple):
    origin: str
    robots: str | bytes
    agent: str
    url: str
    expected: bool
    google: bool | None = None  # Google's answer, only where it differs from ours
    why: str = ""


def _cases(origin: str, robots: str | bytes, agent: str, checks: list[tuple], base: str = "http://foo.bar") -> list[Case]:
    """Checks are (url, expected[, google, why]); a URL starting with one '/' is put on ``base``."""
    out = []
    for url, expected, *rest in checks:
        if url.startswith("/") and not url.startswith("//"):
            url = base + url
        out.append(Case(origin, robots, agent, url, expected, *rest))
    return out


_FOO_ALL = "user-agent: FooBot\ndisallow: /\n"
_RFC_ENC = ("RFC 9309 §2.2.2 says octets outside ASCII are percent-encoded before comparison on both "
            "sides; Google expects its caller to have encoded the URL")
_RFC_RESERVED = ("RFC 9309 §2.2.2 (and its table) compares reserved characters percent-encoded on both sides: "
                 "'https://foo.bar' and 'https%3A%2F%2Ffoo.bar' are the same octets; Google compares bytes as given")
_RFC_HEXCASE = ("RFC 9309 §2.2.2 compares octets, and RFC 3986 says %c3 and %C3 are the same octet; Google "
                "upper-cases escapes only in patterns")
_RFC_SPECIAL = ("RFC 9309 §2.2.3: a pattern matches a literal '*' or '$' in the URI with %2A / %24; Google "
                "compares the escape with the raw character")
_RFC_ROBOTS = "RFC 9309 §2.2.2: the /robots.txt URI is implicitly allowed (Google's library leaves it to the caller)"
_RFC_TOKEN = ("RFC 9309 §2.2.1: a crawler's product token is a substring of its identification string, so "
              "'Googlebot/2.1' is Googlebot; Google's library compares the whole name")
_RFC_UNRES = ("RFC 9309 §2.2.2 (and its table) decode percent-encoded unreserved characters before "
              "comparison: /foo/bar/%62%61%7A matches /foo/bar/baz")

CONFORMANCE: list[Case] = [
    # after google/robotstxt robots_test.cc GoogleOnly_SystemTest
    *_cases("G:GoogleOnly_SystemTest", "", "FooBot", [("", True)]),
    *_cases("G:GoogleOnly_SystemTest", _FOO_ALL, "", [("", True)]),
    *_cases("G:GoogleOnly_SystemTest", _FOO_ALL, "FooBot", [("", False)]),
    *_cases("G:GoogleOnly_SystemTest", "", "", [("", True)]),
    # after ID_LineSyntax_Line: a missing colon is accepted for known directives
    *_cases("G:ID_LineSyntax_Line", _FOO_ALL, "FooBot", [("/x/y", False)]),
    *_cases("G:ID_LineSyntax_Line", "foo: FooBot\nbar: /\n", "FooBot", [("/x/y", True)]),
    *_cases("G:ID_LineSyntax_Line", "user-agent FooBot\ndisallow /\n", "FooBot", [("/x/y", False)]),
    # after ID_LineSyntax_Groups: rules outside groups ignored, blank lines don't end a group, merging
    *_cases("G:ID_LineSyntax_Groups",
            "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\n"
            "allow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
            "FooBot", [("/x/b", True), ("/z/d", True), ("/y/c", False), ("/foo/bar/", False)]),
    *_cases("G:ID_LineSyntax_Groups",
            "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\n"
            "allow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
            "BarBot", [("/y/c", True), ("/w/a", True), ("/z/d", False), ("/foo/bar/", False)]),
    *_cases("G:ID_LineSyntax_Groups",
            "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\n"
            "allow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
            "BazBot", [("/z/d", True), ("/foo/bar/", False)]),
    # after ID_LineSyntax_Groups_OtherRules (RFC 9309 §2.2.4: other records don't end a group)
    *[c for ua in ("FooBot", "BarBot") for c in _cases(
        "G:ID_LineSyntax_Groups_OtherRules",
        "User-agent: BarBot\nSitemap: https://foo.bar/sitemap\nUser-agent: *\nDisallow: /\n", ua, [("/", False)])],
    *[c for ua in ("FooBot", "BarBot") for c in _cases(
        "G:ID_LineSyntax_Groups_OtherRules",
        "User-agent: FooBot\nInvalid-Unknown-Line: unknown\nUser-agent: *\nDisallow: /\n", ua, [("/", False)])],
    *[c for ua in ("FooBot", "BarBot") for c in _cases(
        "RFC 9309 §2.2.4 (Crawl-delay)",
        "User-agent: FooBot\nCrawl-delay: 10\nUser-agent: *\nDisallow: /\n", ua, [("/", False)])],
    # after ID_REPLineNamesCaseInsensitive
    *[c for robots in ("USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n", "user-agent: FooBot\nallow: /x/\ndisallow: /\n",
                       "uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n")
      for c in _cases("G:ID_REPLineNamesCaseInsensitive", robots, "FooBot", [("/x/y", True), ("/a/b", False)])],
    # after ID_UserAgentValueCaseInsensitive
    *[c for robots in ("User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n", "User-Agent: foo bar\nAllow: /x/\nDisallow: /\n",
                       "User-Agent: FoO bAr\nAllow: /x/\nDisallow: /\n")
      for ua in ("Foo", "foo")
      for c in _cases("G:ID_UserAgentValueCaseInsensitive", robots, ua, [("/x/y", True), ("/a/b", False)])],
    # after GoogleOnly_AcceptUserAgentUpToFirstSpace: the line's value is cut at the first
    # invalid character; a crawler name that is not a product token matches no group
    *_cases("G:GoogleOnly_AcceptUserAgentUpToFirstSpace",
            "User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n", "Foo", [("/x/y", True)]),
    *_cases("G:GoogleOnly_AcceptUserAgentUpToFirstSpace",
            "User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n", "Foo Bar", [("/x/y", False)]),
    # after ID_GlobalGroups_Secondary
    *_cases("G:ID_GlobalGroups_Secondary", "", "FooBot", [("/x/y", True)]),
    *_cases("G:ID_GlobalGroups_Secondary", "user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n", "FooBot",
            [("/x/y", False)]),
    *_cases("G:ID_GlobalGroups_Secondary", "user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n", "BarBot",
            [("/x/y", True)]),
    *_cases("G:ID_GlobalGroups_Secondary",
            "user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\nuser-agent: BazBot\ndisallow: /\n",
            "QuxBot", [("/x/y", True)]),
    # after ID_AllowDisallow_Value_CaseSensitive
    *_cases("G:ID_AllowDisallow_Value_CaseSensitive", "user-agent: FooBot\ndisallow: /x/\n", "FooBot", [("/x/y", False)]),
    *_cases("G:ID_AllowDisallow_Value_CaseSensitive", "user-agent: FooBot\ndisallow: /X/\n", "FooBot", [("/x/y", True)]),
    # after ID_LongestMatch
    *_cases("G:ID_LongestMatch", "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/\n", "FooBot",
            [("/x/page.html", False)]),
    *_cases("G:ID_LongestMatch", "user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n", "FooBot",
            [("/x/page.html", True), ("/x/", False)]),
    *_cases("G:ID_LongestMatch", "user-agent: FooBot\ndisallow: \nallow: \n", "FooBot", [("/x/page.html", True)]),
    *_cases("G:ID_LongestMatch", "user-agent: FooBot\ndisallow: /\nallow: /\n", "FooBot", [("/x/page.html", True)]),
    *_cases("G:ID_LongestMatch", "user-agent: FooBot\ndisallow: /x\nallow: /x/\n", "FooBot",
            [("/x", False), ("/x/", True)]),
    *_cases("G:ID_LongestMatch", "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/page.html\n", "FooBot",
            [("/x/page.html", True)]),
    *_cases("G:ID_LongestMatch", "user-agent: FooBot\nallow: /page\ndisallow: /*.html\n", "FooBot",
            [("/page.html", False), ("/page", True)]),
    *_cases("G:ID_LongestMatch", "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n", "FooBot",
            [("/x/page.html", True), ("/x/y.html", False)]),
    *_cases("G:ID_LongestMatch", "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n", "FooBot",
            [("/x/page", True), ("/y/page", False)]),
    # after ID_Encoding
    *_cases("G:ID_Encoding", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n",
            "FooBot", [("/foo/bar?qux=taz&baz=http://foo.bar?tar&par", True),
                       # RFC 9309 §2.2.2 table: reserved characters compare percent-encoded on both sides
                       ("/foo/bar?qux=taz&baz=http%3A%2F%2Ffoo.bar%3Ftar%26par", True, False, _RFC_RESERVED)]),
    *_cases("G:ID_Encoding", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n", "FooBot",
            [("/foo/bar/%E3%83%84", True), ("/foo/bar/ツ", True, False, _RFC_ENC)]),
    *_cases("G:ID_Encoding", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n", "FooBot",
            [("/foo/bar/%E3%83%84", True), ("/foo/bar/ツ", True, False, _RFC_ENC)]),
    *_cases("G:ID_Encoding", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n", "FooBot",
            [("/foo/bar/baz", True, False, _RFC_UNRES), ("/foo/bar/%62%61%7A", True)]),
    # after TestMaybeEscapePattern: non-ASCII in a pattern is encoded, escapes compare case-insensitively
    *_cases("G:TestMaybeEscapePattern", "User-agent: FooBot\nDisallow: /á\n", "FooBot",
            [("/%C3%A1", False), ("/%c3%a1", False, True, _RFC_HEXCASE), ("/a", True)]),
    *_cases("G:TestMaybeEscapePattern", "User-agent: FooBot\nDisallow: /%aa\n", "FooBot", [("/%AA", False), ("/%AB", True)]),
    # RFC 9309 §2.2.2 lets a parser bridge a file that isn't UTF-8: each such byte is one escaped octet
    *_cases("RFC 9309 §2.2.2 (not UTF-8)", b"User-agent: FooBot\nDisallow: /caf\xe9\n", "FooBot",
            [("/caf%E9", False), ("/caf%C3%A9", True), ("/café", True)]),
    # after ID_SpecialCharacters
    *_cases("G:ID_SpecialCharacters", "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n", "FooBot",
            [("/foo/bar/quz", False), ("/foo/quz", True), ("/foo//quz", True), ("/foo/bax/quz", True)]),
    *_cases("G:ID_SpecialCharacters", "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot",
            [("/foo/bar", False), ("/foo/bar/qux", True), ("/foo/bar/", True), ("/foo/bar/baz", True)]),
    *_cases("G:ID_SpecialCharacters", "User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n", "FooBot",
            [("/foo/bar", True), ("/foo/quz", False)]),
    # after GoogleOnly_IndexHTMLisDirectory
    *_cases("G:GoogleOnly_IndexHTMLisDirectory", "User-Agent: *\nAllow: /allowed-slash/index.html\nDisallow: /\n",
            "foobot", [("http://foo.com/allowed-slash/", True), ("http://foo.com/allowed-slash/index.htm", False),
                       ("http://foo.com/allowed-slash/index.html", True), ("http://foo.com/anyother-url", False)]),
    # after GoogleOnly_DocumentationChecks
    *_cases("G:GoogleOnly_DocumentationChecks", "user-agent: FooBot\ndisallow: /\nallow: /fish\n", "FooBot",
            [("/bar", False), ("/fish", True), ("/fish.html", True), ("/fish/salmon.html", True), ("/fishheads", True),
             ("/fishheads/yummy.html", True), ("/fish.html?id=anything", True), ("/Fish.asp", False),
             ("/catfish", False), ("/?id=fish", False)]),
    *_cases("G:GoogleOnly_DocumentationChecks", "user-agent: FooBot\ndisallow: /\nallow: /fish*\n", "FooBot",
            [("/bar", False), ("/fish", True), ("/fish.html", True), ("/fish/salmon.html", True), ("/fishheads", True),
             ("/fishheads/yummy.html", True), ("/fish.html?id=anything", True), ("/Fish.bar", False),
             ("/catfish", False), ("/?id=fish", False)]),
    *_cases("G:GoogleOnly_DocumentationChecks", "user-agent: FooBot\ndisallow: /\nallow: /fish/\n", "FooBot",
            [("/bar", False), ("/fish/", True), ("/fish/salmon", True), ("/fish/?salmon", True),
             ("/fish/salmon.html", True), ("/fish/?id=anything", True), ("/fish", False), ("/fish.html", False),
             ("/Fish/Salmon.html", False)]),
    *_cases("G:GoogleOnly_DocumentationChecks", "user-agent: FooBot\ndisallow: /\nallow: /*.php\n", "FooBot",
            [("/bar", False), ("/filename.php", True), ("/folder/filename.php", True),
             ("/folder/filename.php?parameters", True), ("//folder/any.php.file.html", True), ("/filename.php/", True),
             ("/index?f=filename.php/", True), ("/php/", False), ("/index?php", False), ("/windows.PHP", False)]),
    *_cases("G:GoogleOnly_DocumentationChecks", "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n", "FooBot",
            [("/bar", False), ("/filename.php", True), ("/folder/filename.php", True),
             ("/filename.php?parameters", False), ("/filename.php/", False), ("/filename.php5", False),
             ("/php/", False), ("/filename?php", False), ("/aaaphpaaa", False), ("//windows.PHP", False)]),
    *_cases("G:GoogleOnly_DocumentationChecks", "user-agent: FooBot\ndisallow: /\nallow: /fish*.php\n", "FooBot",
            [("/bar", False), ("/fish.php", True), ("/fishheads/catfish.php?parameters", True), ("/Fish.PHP", False)]),
    *_cases("G:GoogleOnly_DocumentationChecks", "user-agent: FooBot\nallow: /p\ndisallow: /\n", "FooBot",
            [("http://example.com/page", True)]),
    *_cases("G:GoogleOnly_DocumentationChecks", "user-agent: FooBot\nallow: /folder\ndisallow: /folder\n", "FooBot",
            [("http://example.com/folder/page", True)]),
    *_cases("G:GoogleOnly_DocumentationChecks", "user-agent: FooBot\nallow: /page\ndisallow: /*.htm\n", "FooBot",
            [("http://example.com/page.htm", False)]),
    *_cases("G:GoogleOnly_DocumentationChecks", "user-agent: FooBot\nallow: /$\ndisallow: /\n", "FooBot",
            [("http://example.com/", True), ("http://example.com/page.html", False)]),
    # after ID_UTF8ByteOrderMarkIsSkipped (with a Disallow, so that the verdict shows whether the line counted)
    *[c for bom in (b"\xef\xbb\xbf", b"\xef\xbb", b"\xef") for c in _cases(
        "G:ID_UTF8ByteOrderMarkIsSkipped", bom + b"User-Agent: foo\nDisallow: /AnyValue\n", "foo",
        [("/AnyValue", False)])],
    *_cases("G:ID_UTF8ByteOrderMarkIsSkipped", b"\xef\x11\xbfUser-Agent: foo\nDisallow: /AnyValue\n", "foo",
            [("/AnyValue", True)]),  # a broken BOM spoils the first line: the rule is outside any group
    *_cases("G:ID_UTF8ByteOrderMarkIsSkipped", b"User-Agent: foo\n\xef\xbb\xbfDisallow: /AnyValue\n", "foo",
            [("/AnyValue", True)]),  # a BOM is only skipped at the start of the file
    # after ID_NonStandardLineExample_Sitemap: a sitemap line anywhere changes nothing
    *_cases("G:ID_NonStandardLineExample_Sitemap",
            "Sitemap: http://foo.bar/sitemap.xml\nUser-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\n"
            "Disallow: /\nSitemap: http://foo.bar/sitemap.xml\n", "bar", [("/some/path", False)]),
    # RFC 9309 §5.1 (simple example)
    *_cases("RFC 9309 §5.1", "User-Agent: *\nDisallow: *.gif$\nDisallow: /example/\nAllow: /publications/\n\n"
            "User-Agent: foobot\nDisallow:/\nAllow:/example/page.html\nAllow:/example/allowed.gif\n\n"
            "User-Agent: barbot\nUser-Agent: bazbot\nDisallow: /example/page.html\n\nUser-Agent: quxbot\n\nEOF\n",
            "foobot", [("/example/page.html", True), ("/example/allowed.gif", True), ("/example/other", False),
                       ("/publications/x", False), ("/robots.txt", True, False, _RFC_ROBOTS)]),
    *[c for ua, checks in (
        ("barbot", [("/example/page.html", False), ("/example/other", True), ("/x.gif", True)]),
        ("BAZBOT", [("/example/page.html", False), ("/publications/x", True)]),
        ("quxbot", [("/example/page.html", True), ("/x.gif", True), ("/example/", True)]),
        ("otherbot", [("/x.gif", False), ("/example/a", False), ("/publications/a", True),
                      ("/publications/a.gif", True), ("/a.gifx", True)]),
    ) for c in _cases(
        "RFC 9309 §5.1", "User-Agent: *\nDisallow: *.gif$\nDisallow: /example/\nAllow: /publications/\n\n"
        "User-Agent: foobot\nDisallow:/\nAllow:/example/page.html\nAllow:/example/allowed.gif\n\n"
        "User-Agent: barbot\nUser-Agent: bazbot\nDisallow: /example/page.html\n\nUser-Agent: quxbot\n\nEOF\n",
        ua, checks)],
    # RFC 9309 §5.2 (longest match)
    *_cases("RFC 9309 §5.2", "User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n",
            "foobot", [("/example/page/", True), ("/example/page/disallowed.gif", False),
                       ("/example/page/other.gif", True)]),
    # RFC 9309 §2.2.1: groups for the same product token are combined; '*' otherwise; else no rules
    *_cases("RFC 9309 §2.2.1", "user-agent: ExampleBot\ndisallow: /foo\ndisallow: /bar\n\n"
            "user-agent: ExampleBot\ndisallow: /baz\n", "ExampleBot",
            [("/foo", False), ("/bar", False), ("/baz", False), ("/qux", True)]),
    *_cases("RFC 9309 §2.2.1", "user-agent: *\ndisallow: /foo\ndisallow: /bar\n\nuser-agent: BazBot\ndisallow: /baz\n",
            "ExampleBot", [("/foo", False), ("/bar", False), ("/baz", True)]),
    *_cases("RFC 9309 §2.2.1", "user-agent: BazBot\ndisallow: /\n", "ExampleBot", [("/foo", True)]),
    # RFC 9309 §2.2.2: the percent-encoding table (rule = "Path", URL = "Path" and "Path to Match")
    *_cases("RFC 9309 §2.2.2", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?baz=quz\n", "FooBot",
            [("/foo/bar?baz=quz", True), ("/foo/bar?baz=qux", False)]),
    *_cases("RFC 9309 §2.2.2", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?baz=https://foo.bar\n", "FooBot",
            [("/foo/bar?baz=https://foo.bar", True), ("/foo/bar?baz=https%3A%2F%2Ffoo.bar", True, False, _RFC_RESERVED),
             ("/foo/bar?baz=https%3a%2f%2ffoo.bar", True, False, _RFC_RESERVED),
             ("/foo/bar?baz=http%3A%2F%2Ffoo.bar", False)]),
    *_cases("RFC 9309 §2.2.2", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?baz=https%3A%2F%2Ffoo.bar\n", "FooBot",
            [("/foo/bar?baz=https://foo.bar", True, False, _RFC_RESERVED), ("/foo/bar?baz=https%3A%2F%2Ffoo.bar", True)]),
    *_cases("RFC 9309 §2.2.2", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n", "FooBot",
            [("/foo/bar/%E3%83%84", True), ("/foo/bar/%e3%83%84", True, False, _RFC_HEXCASE),
             ("/foo/bar/%E3%83%85", False)]),
    *_cases("RFC 9309 §2.2.2", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n", "FooBot",
            [("/foo/bar/baz", True, False, _RFC_UNRES), ("/foo/bar/%62%61%7a", True, False, _RFC_HEXCASE),
             ("/foo/bar/bax", False)]),
    *_cases("RFC 9309 §2.2.2", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/baz\n", "FooBot",
            [("/foo/bar/%62%61%7A", True, False, _RFC_UNRES)]),
    # RFC 9309 §2.2.2: the /robots.txt URI is implicitly allowed; rules outside any group are ignored
    *_cases("RFC 9309 §2.2.2", "User-agent: *\nDisallow: /\n", "FooBot",
            [("/robots.txt", True, False, _RFC_ROBOTS), ("/robots.txt?x=1", False), ("/robots.txt.bak", False)]),
    *_cases("RFC 9309 §2.2.2", "Disallow: /\nUser-agent: FooBot\nDisallow: /x\n", "FooBot", [("/y", True)]),
    # RFC 9309 §2.2.3: special characters; "%2A" and "%24" match a literal '*' and '$'
    *_cases("RFC 9309 §2.2.3", "User-agent: FooBot\nDisallow: /\nAllow: / # comment in line\n", "FooBot", [("/a", True)]),
    *_cases("RFC 9309 §2.2.3", "User-agent: FooBot\nDisallow: /\nAllow: /this/path/exactly$\n", "FooBot",
            [("/this/path/exactly", True), ("/this/path/exactly/", False), ("/this/path/exactly?q", False)]),
    *_cases("RFC 9309 §2.2.3", "User-agent: FooBot\nDisallow: /\nAllow: /this/*/exactly\n", "FooBot",
            [("/this/a/b/exactly", True), ("/this/exactly", False)]),
    *_cases("RFC 9309 §2.2.3", "User-agent: FooBot\nDisallow: /path/file-with-a-%2A.html\n", "FooBot",
            [("/path/file-with-a-*.html", False, True, _RFC_SPECIAL), ("/path/file-with-a-%2A.html", False),
             ("/path/file-with-a-x.html", True)]),
    *_cases("RFC 9309 §2.2.3", "User-agent: FooBot\nDisallow: /path/foo-%24\n", "FooBot",
            [("/path/foo-$", False, True, _RFC_SPECIAL), ("/path/foo-%24", False), ("/path/foo-", True), ("/path/foo-x", True)]),
    *_cases("RFC 9309 §2.2.3", "User-agent: FooBot\nDisallow: /buy/%2A%24\n", "FooBot",
            [("/buy/*$", False, True, _RFC_SPECIAL), ("/buy/anything", True)]),
    *_cases("RFC 9309 §2.2.3", "User-agent: FooBot\nDisallow: /a$b\n", "FooBot",  # '$' is special only at the end
            [("/a$b", False), ("/a", True), ("/a$bc", False)]),
    *_cases("RFC 9309 §2.2.3", "User-agent: FooBot\nDisallow: /foo$\nDisallow: /fo*x$\n", "FooBot",
            [("/foo", False), ("/foo$y", True), ("/foo%24", True), ("/fox", False), ("/fo$x", False), ("/fox$", True)]),
    # RFC 9309 §2.1 grammar: whitespace around the colon, '#' comments, empty pattern
    *_cases("RFC 9309 §2.1", "  User-agent  :  FooBot  # c\n  Disallow  :  /x  # c\n", "FooBot",
            [("/x", False), ("/y", True)]),
    *_cases("RFC 9309 §2.1", "User-agent: FooBot\nDisallow:\nUser-agent: *\nDisallow: /\n", "FooBot", [("/x", True)]),
    # product tokens: a user-agent value is cut at the first character outside [A-Za-z_-],
    # and so is the crawler's name when it carries a version ("Googlebot/2.1" -> googlebot)
    *_cases("G:ExtractUserAgent", "User-agent: Googlebot/2.1\nDisallow: /\n", "googlebot", [("/x", False)]),
    *_cases("G:ExtractUserAgent", "User-agent: Googlebot\nDisallow: /\n", "Googlebot/2.1", [("/x", False, True, _RFC_TOKEN)]),
    *_cases("G:ExtractUserAgent", "User-agent: Googlebot\nDisallow: /\n", "Googlebot-News", [("/x", True)]),
    *_cases("G:ExtractUserAgent", "User-agent: Googlebot-News\nDisallow: /\n", "Googlebot", [("/x", True)]),
    *_cases("G:ExtractUserAgent", "User-agent: * everyone\nDisallow: /\n", "FooBot", [("/x", False)]),
    *_cases("G:ExtractUserAgent", "User-agent: *FooBot\nDisallow: /\n", "FooBot", [("/x", True)]),
    *_cases("G:ExtractUserAgent", "User-agent: ツ\nDisallow: /\nUser-agent: FooBot\nDisallow: /x\n", "FooBot",
            [("/y", True), ("/x", False)]),
    # Google's typo tolerance for directive names (RFC 9309 §2.2.4 allows leniency)
    *[c for key in ("Disalow", "dissallow", "DISSALOW", "diasllow", "disallaw", "Disallowed")
      for c in _cases("G:kAllowFrequentTypos", f"User-agent: FooBot\n{key}: /x\n", "FooBot", [("/x", False)])],
    *[c for key in ("useragent", "User Agent", "User-agents")
      for c in _cases("G:kAllowFrequentTypos", f"{key}: FooBot\nDisallow: /x\n", "FooBot", [("/x", False)])],
    # a line without a colon counts only when it is exactly "<directive> <value>"
    *_cases("G:GetKeyAndValueFrom", "User-agent: FooBot\nDisallow\nUser-agent: BarBot\nDisallow: /\n", "FooBot",
            [("/x", False)]),
    *_cases("G:GetKeyAndValueFrom", "User-agent: FooBot\ndisallow /a /b\n", "FooBot", [("/a", True)]),
    *_cases("G:GetKeyAndValueFrom", "user agent FooBot\ndisallow /\n", "FooBot", [("/a", True)]),
    # URLs without scheme or authority are read as Google's GetPathParamsQuery does
    *_cases("G:TestGetPathParamsQuery", "User-agent: FooBot\nDisallow: /a\n", "FooBot",
            [("example.com/a", False), ("example.com/b", True), ("/a", False), ("a", True), ("x/a", False),
             ("//h/a/b", False), ("example.com/a;b#c", False), ("http://e.com/b#/a", True)], base=""),
    *_cases("G:TestGetPathParamsQuery", "User-agent: FooBot\nDisallow: /?a\n", "FooBot", [("example.com?a", False)]),
]


def _line_too_long_cases() -> list[Case]:
    """After google/robotstxt robots_test.cc GoogleOnly_LineTooLong: a line is cut after
    2083 * 8 - 1 bytes, and a cut rule matches what its kept part matches."""
    max_line = 2083 * 8
    cut = "/x/" + "a" * (max_line - len("/x/") - len("disallow: ") + 1 - len("/x/"))
    robots1 = "user-agent: FooBot\ndisallow: " + cut + "/qux\n"
    a = "/x/" + "a" * (max_line - len("/x/") - len("allow: ") + 1 - len("/x/"))
    b = "/x/" + "b" * (len(a) - len("/x/"))
    robots2 = "user-agent: FooBot\ndisallow: /\n" + f"allow: {a}/qux\nallow: {b}/qux\n"
    return [
        *_cases("G:GoogleOnly_LineTooLong", robots1, "FooBot", [("/fux", True), (cut + "/fux", False)]),
        *_cases("G:GoogleOnly_LineTooLong", robots2, "FooBot", [("/", False), (a + "/qux", True), (b + "/fux", True)]),
    ]


CONFORMANCE += _line_too_long_cases()


def _conformance_id(case: Case) -> str:
    return f"{case.origin}|{case.agent}|{case.url[:60]}"


@pytest.mark.parametrize("case", CONFORMANCE, ids=[_conformance_id(c) for c in CONFORMANCE])
def test_conformance(case: Case) -> None:
    assert allowed(case.robots, case.agent, case.url) is case.expected


# after google/robotstxt robots_test.cc ID_LinesNumbersAreCountedCorrectly: LF, CRLF, CR, no final
# newline and a mix all count six lines, and the deciding rule reports its line
@pytest.mark.parametrize("robots", [
    "User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /\n",
    "User-Agent: foo\r\nAllow: /some/path\r\nUser-Agent: bar\r\n\r\n\r\nDisallow: /\r\n",
    "User-Agent: foo\rAllow: /some/path\rUser-Agent: bar\r\r\rDisallow: /\r",
    "User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /",
    "User-Agent: foo\nAllow: /some/path\r\nUser-Agent: bar\n\r\n\nDisallow: /",
], ids=["lf", "crlf", "cr", "no-final-newline", "mixed"])
def test_conformance_line_numbers(robots: str) -> None:
    r = RobotsTxt.parse(robots)
    d = r.decide("http://foo.bar/x", "bar")
    assert not d.allowed and d.line == 6 and d.rule == "bar: Disallow: /"
    foo = r.decide("http://foo.bar/some/path", "foo")
    assert foo.allowed and foo.line == 2
    assert r.decide("http://foo.bar/x", "foo").allowed


# after google/robotstxt robots_test.cc TestGetPathParamsQuery
@pytest.mark.parametrize("url,path", [
    ("", "/"), ("http://www.example.com", "/"), ("http://www.example.com/", "/"), ("http://www.example.com/a", "/a"),
    ("http://www.example.com/a/", "/a/"), ("http://www.example.com/a/b?c=http://d.e/", "/a/b?c=http://d.e/"),
    ("http://www.example.com/a/b?c=d&e=f#fragment", "/a/b?c=d&e=f"), ("example.com", "/"), ("example.com/", "/"),
    ("example.com/a", "/a"), ("example.com/a/", "/a/"), ("example.com/a/b?c=d&e=f#fragment", "/a/b?c=d&e=f"),
    ("a", "/"), ("a/", "/"), ("/a", "/a"), ("a/b", "/b"), ("example.com?a", "/?a"), ("example.com/a;b#c", "/a;b"),
    ("//a/b/c", "/b/c"), ("http://h.test/a?", "/a?"), ("http://h.test//x/y", "//x/y"), ("http://h.test#/x", "/"),
])
def test_conformance_request_path(url: str, path: str) -> None:
    assert request_path(url) == path


# after google/robotstxt robots_test.cc ID_VerifyValidUserAgentsToObey
@pytest.mark.parametrize("name,valid", [
    ("Foobot", True), ("Foobot-Bar", True), ("Foo_Bar", True), ("", False), ("ツ", False), ("Foobot*", False),
    (" Foobot ", False), ("Foobot/2.1", False), ("Foobot Bar", False),
])
def test_conformance_valid_product_tokens(name: str, valid: bool) -> None:
    assert is_product_token(name) is valid


@pytest.mark.parametrize("name,token", [
    ("GPTBot", "GPTBot"), ("Googlebot/2.1", "Googlebot"), ("GPTBot/1.1 (+https://openai.com/gptbot)", "GPTBot"),
    (" CCBot ", "CCBot"), ("Foo Bar", ""), ("Foobot*", ""), ("ツ", ""), ("", ""), ("*", "*"),
])
def test_crawler_product_token(name: str, token: str) -> None:
    assert product_token(name) == token


def test_conformance_deviations_are_explained() -> None:
    deviations = [c for c in CONFORMANCE if c.google is not None]
    assert deviations and all(c.google != c.expected and c.why.startswith("RFC 9309") for c in deviations)


def test_cli_documented_usage(tmp_path) -> None:
    """``gensafe robots check --robots-file F --user-agent UA URL... [--json]`` as docs/provenance.md shows it."""
    f = tmp_path / "robots.txt"
    f.write_text("User-agent: *\nAllow: /\n\nUser-agent: GPTBot\nDisallow: /private\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["robots", "check", "--robots-file", str(f), "--user-agent", "GPTBot",
                                    "--user-agent", "CCBot", "https://example.com/private/a", "https://example.com/pub"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].split() == ["url", "verdict", "rule"]
    assert lines[1].split()[:2] == ["https://example.com/private/a", "disallowed"] and "[line 5]" in lines[1]
    assert lines[2].split()[:2] == ["https://example.com/pub", "allowed"] and "*: Allow: /" in lines[2]
    res = CliRunner().invoke(main, ["robots", "check", "--robots-file", str(f), "--user-agent", "GPTBot/1.1",
                                    "--json", "example.com/private/b", "https://example.com/robots.txt"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output) == [
        {"url": "example.com/private/b", "allowed": False, "rule": "GPTBot: Disallow: /private", "agent": "GPTBot",
         "line": 5},
        {"url": "https://example.com/robots.txt", "allowed": True, "rule": "/robots.txt is always allowed",
         "agent": "GPTBot", "line": None},
    ]
    res = CliRunner().invoke(main, ["robots", "check", "--robots-file", str(f), "--user-agent", "My Crawler",
                                    "https://example.com/"])
    assert res.exit_code == 1 and "not a product token" in res.output and "Traceback" not in res.output


def test_product_tokens_keeps_tokens_and_names_every_bad_name() -> None:
    # the one check behind both `gensafe robots check --user-agent` and the stage's user_agents
    assert product_tokens(["GPTBot/1.1 (+https://openai.com/gptbot)", "CCBot"]) == ["GPTBot", "CCBot"]
    with pytest.raises(RobotsError, match=r"'My Crawler', '\*'"):
        product_tokens(["GPTBot", "My Crawler", "*"])
