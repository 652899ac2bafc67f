"""The review tool speaks the coordinator's language (Finnish, Swedish, English): the message
catalogue is complete, every page renders without English left in it, plurals and times follow
the language, the choice follows the coordinator's account, and a clicked button shows as the
title the newcomer saw."""

from __future__ import annotations

import re
import string
from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient

from bot.paths import PROJECT_ROOT
from bot.review.i18n import UI_LANGUAGES, catalogue
from tests.review.conftest import PASSWORD, USER, csrf_from, sign_in, token
from tests.review.fixtures import ALL_SENDERS, Conversation, Say, write_tracker_store

PLURAL_FORMS = {"one", "other"}


def _templates(variants: str | dict) -> list[str]:
    return list(variants.values()) if isinstance(variants, dict) else [variants]


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# --- the catalogue ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_text_exists_in_finnish_swedish_and_english(key):
    variants = catalogue()[key]
    assert sorted(variants) == sorted(UI_LANGUAGES), f"{key}: {sorted(variants)}"
    plural = {isinstance(v, dict) for v in variants.values()}
    assert len(plural) == 1, f"{key}: plural in some languages only"
    expected = None
    for language, value in variants.items():
        if isinstance(value, dict):
            assert set(value) == PLURAL_FORMS, f"{key}.{language}: forms {sorted(value)}"
        for template in _templates(value):
            assert template.strip(), f"{key}.{language} is empty"
            expected = expected if expected is not None else _placeholders(template)
            assert _placeholders(template) == expected, f"{key}.{language} placeholders differ"


# --- no English left on a Finnish or Swedish page -------------------------------------------


class _VisibleText(HTMLParser):
    """The text a coordinator reads (and hears from a screen reader): text, <title>, and
    title/aria-label/placeholder attributes, without data marked translate="no" (messages,
    sender ids, intents, tags) and without scripts."""

    SKIPPED = {"script", "style"}
    VOID = {"input", "meta", "link", "br", "img", "hr"}
    ATTRIBUTES = ("title", "aria-label", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # per open element: is it skipped?
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        skipped = bool(self.stack and self.stack[-1]) or tag in self.SKIPPED
        skipped = skipped or values.get("translate") == "no"
        if not skipped:
            self.parts.extend(values[a] for a in self.ATTRIBUTES if values.get(a))
        if tag not in self.VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_only_pieces(language: str) -> dict[str, str]:
    """Words of the English catalogue that the `language` catalogue does not use anywhere
    (piece → its key): finding one on a page in `language` means a text was not translated."""
    own = " ".join(
        template for variants in catalogue().values() for template in _templates(variants[language])
    )
    pieces: dict[str, str] = {}
    for key, variants in catalogue().items():
        if key.startswith("format_"):
            continue
        for template in _templates(variants["en"]):
            for literal, _, _, _ in string.Formatter().parse(template):
                piece = literal.strip(" .,:;()–-—…←→")
                if sum(c.isalpha() for c in piece) >= 3 and piece not in own:
                    pieces[piece] = key
    return pieces


def untranslated(html: str, language: str) -> list[str]:
    text = visible_text(html)
    found = []
    for piece, key in english_only_pieces(language).items():
        if re.search(rf"(?<![\w-]){re.escape(piece)}(?![\w-])", text):
            found.append(f"{key}: {piece!r}")
    return found


TEMPLATES = sorted((PROJECT_ROOT / "bot" / "review" / "templates").glob("*.html"))
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_templates_write_no_text_of_their_own(template):
    """Every word a template shows comes from the catalogue: with the Jinja expressions taken
    out, no letters are left in the visible text (commands in translate="no" aside)."""
    html = _JINJA.sub(" ", template.read_text(encoding="utf-8"))
    leftover = [part for part in visible_text(html).split() if any(c.isalpha() for c in part)]
    assert leftover == []


def choose(client: FlaskClient, language: str, path: str = "/") -> None:
    response = client.post(
        "/language", data={"language": language, "next": path, "csrf_token": token(client, path)}
    )
    assert response.status_code == 302


def pages_of_a_coordinator(client: FlaskClient) -> dict[str, str]:
    """Every page a signed-in coordinator can open, including flash messages and errors."""
    pages = {
        path: client.get(path).text
        for path in (
            "/",
            "/?language=ar&handoff=any",
            "/?q=nothing-like-this",
            "/improve",
            "/improve?language=ar&max_confidence=0.9",
            "/analytics",
            "/nosuchpage",
        )
    }
    for sender in sorted(ALL_SENDERS):
        pages[sender] = client.get(f"/conversations/{sender}").text
    url = "/conversations/ar-web-handoff-failed"
    csrf = token(client, url)
    client.post(f"{url}/notes", data={"text": "soitettu", "csrf_token": csrf})
    client.post(f"{url}/tags", data={"tags": "asuminen", "csrf_token": csrf})
    client.post(f"{url}/tags", data={"tags": "<b>", "csrf_token": csrf})  # refused: a flash
    pages["flash"] = client.get(url).text
    pages["400"] = client.post(f"{url}/status", data={"status": "reviewed"}).text
    pages["400 export"] = client.post("/export/nlu", data={"csrf_token": csrf}).text
    return pages


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_page_is_in_the_chosen_language_with_nothing_left_in_english(signed_in, language):
    choose(signed_in, language)
    pages = pages_of_a_coordinator(signed_in)
    for name, html in pages.items():
        assert f'<html lang="{language}">' in html, name
        assert untranslated(html, language) == [], name
    # The same check finds English on an English page: it can fail.
    choose(signed_in, "en")
    assert untranslated(signed_in.get("/").text, language)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_sign_in_page_and_its_errors_follow_the_browser(client, language, clock):
    headers = {"Accept-Language": f"{language}-FI,{language};q=0.9,en;q=0.5"}
    html = client.get("/login", headers=headers).text
    assert f'<html lang="{language}">' in html and untranslated(html, language) == []
    csrf = csrf_from(html)
    for _ in range(4):
        response = client.post(
            "/login",
            data={"username": USER, "password": "wrong password!", "csrf_token": csrf},
            headers=headers,
        )
    assert response.status_code == 429 and untranslated(response.text, language) == []
    wait = {"fi": "uudelleen 1 sekunnin kuluttua.", "sv": "igen om 1 sekund."}[language]
    assert wait in response.text
    assert client.get("/export/conversations.csv", headers=headers).text.strip() in {
        "Kirjaudu ensin sisään.",
        "Logga in först.",
    }


def test_titles_flash_messages_and_errors_are_translated(signed_in):
    choose(signed_in, "fi")
    assert "<title>Keskustelut · Kotobot-tarkastelu</title>" in signed_in.get("/").text
    url = "/conversations/ar-web-handoff-failed"
    signed_in.post(
        f"{url}/tags", data={"tags": "soita 040 123 4567", "csrf_token": token(signed_in)}
    )
    assert "Tunnisteessa ei saa olla puhelinnumeroa" in signed_in.get(url).text
    missing = signed_in.get("/conversations/nobody")
    assert missing.status_code == 404 and "<h1>Sivua ei löydy</h1>" in missing.text


def test_plurals_follow_the_language(signed_in):
    choose(signed_in, "fi")
    assert ">1 keskustelu vastaa suodattimia.<" in signed_in.get("/?language=sv").text
    assert ">2 keskustelua vastaa suodattimia.<" in signed_in.get("/?channel=rest").text
    assert ">10 keskustelua.<" in signed_in.get("/").text
    choose(signed_in, "sv")
    assert ">1 samtal matchar filtren.<" in signed_in.get("/?language=sv").text
    choose(signed_in, "en")
    assert ">1 conversation matches the filters.<" in signed_in.get("/?language=sv").text
    assert ">2 conversations match the filters.<" in signed_in.get("/?channel=rest").text


def test_times_are_helsinki_time_written_the_languages_way(signed_in):
    # The fixture's conversations start at 10:00 in Helsinki, whatever the server's zone.
    url = "/conversations/sv-telegram-test"
    choose(signed_in, "fi")
    html = signed_in.get(url).text
    assert re.search(r">\d{1,2}\.\d{1,2}\.\d{4} klo 10\.00 \(Suomen aika\)</time>", html)
    assert ">klo 10.00.01</time>" in html and "Kellonajat ovat Suomen aikaa." in html
    assert "(Suomen aika)</th>" in signed_in.get("/").text
    choose(signed_in, "sv")
    html = signed_in.get(url).text
    assert re.search(r">\d{1,2} \w+\.? \d{4} kl\. 10:00 \(finsk tid\)</time>", html)
    choose(signed_in, "en")
    html = signed_in.get(url).text
    assert re.search(r">\d{1,2} \w{3} \d{4}, 10:00 \(Helsinki time\)</time>", html)
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT10:00:01\+0[23]:00">', html)


def test_numbers_and_percentages_are_written_the_languages_way(signed_in):
    choose(signed_in, "fi")
    assert '<strong id="fallback-rate">8,7 %</strong>' in signed_in.get("/analytics").text


# --- the choice is remembered ----------------------------------------------------------------


def test_before_choosing_the_browsers_language_decides_else_english(signed_in):
    assert '<html lang="sv">' in signed_in.get("/", headers={"Accept-Language": "sv-SE"}).text
    assert '<html lang="fi">' in signed_in.get("/", headers={"Accept-Language": "fi"}).text
    english = signed_in.get("/", headers={"Accept-Language": "de-DE,ar;q=0.8"}).text
    assert '<html lang="en">' in english


def test_the_choice_follows_the_coordinator_across_sign_outs_and_devices(app, signed_in):
    choose(signed_in, "sv")
    swedish_browser = {"Accept-Language": "en-GB"}  # the browser says otherwise: the choice wins
    assert '<html lang="sv">' in signed_in.get("/", headers=swedish_browser).text
    signed_in.post("/logout", data={"csrf_token": token(signed_in)})
    # The sign-in page stays in the coordinator's language after signing out.
    assert '<html lang="sv">' in signed_in.get("/login", headers=swedish_browser).text

    other_device = app.test_client()
    assert sign_in(other_device, HTTP_ACCEPT_LANGUAGE="fi").status_code == 302
    html = other_device.get("/", headers={"Accept-Language": "fi"}).text
    assert '<html lang="sv">' in html and "<h1>Samtal</h1>" in html


def test_a_language_chosen_on_the_sign_in_page_is_kept_with_the_account(app, client):
    html = client.get("/login").text
    client.post("/language", data={"language": "fi", "next": "", "csrf_token": csrf_from(html)})
    assert '<html lang="fi">' in client.get("/login").text
    assert sign_in(client).status_code == 302
    other_device = app.test_client()
    sign_in(other_device)
    assert '<html lang="fi">' in other_device.get("/").text


def test_remove_user_deletes_the_accounts_choice_too(tmp_path):
    import sqlalchemy as sa

    from bot.review import preferences
    from tests.review.test_auth import _cli

    database = tmp_path / "tracker.db"
    assert _cli(["add-user", "aino"], database, tmp_path, "a long enough secret\n").returncode == 0
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        preferences.set_language(connection, "aino", "sv")
    assert _cli(["remove-user", "aino"], database, tmp_path).returncode == 0
    with engine.connect() as connection:
        assert preferences.language_of(connection, "aino") is None
    engine.dispose()


def test_an_unknown_language_is_refused(signed_in):
    response = signed_in.post("/language", data={"language": "ar", "csrf_token": token(signed_in)})
    assert response.status_code == 400
    assert '<html lang="en">' in signed_in.get("/").text


def test_choosing_needs_the_csrf_token(signed_in):
    assert signed_in.post("/language", data={"language": "fi"}).status_code == 400
    assert '<html lang="en">' in signed_in.get("/").text


def test_the_language_form_returns_to_the_page_it_was_sent_from(signed_in):
    csrf = token(signed_in)
    response = signed_in.post(
        "/language", data={"language": "fi", "next": "/analytics", "csrf_token": csrf}
    )
    assert response.headers["Location"] == "/analytics"
    response = signed_in.post(
        "/language", data={"language": "fi", "next": "//evil.example/", "csrf_token": csrf}
    )
    assert response.headers["Location"] == "/"


# --- what the newcomer saw -------------------------------------------------------------------

TOPICS = (("Вивчення мови", '/help{"topic":"language"}'), ("Житло", '/help{"topic":"housing"}'))


@pytest.fixture
def telegram_client(tmp_path, make_app):
    """A Telegram conversation that starts with /start and goes on with a button."""
    database = tmp_path / "buttons.db"
    write_tracker_store(
        database,
        [
            Conversation(
                "tg-uk-buttons",
                "telegram",
                1,
                (
                    Say('/greet{"language":"uk"}', "greet", 1.0, "uk", buttons=TOPICS),
                    Say('/help{"topic":"language"}', "help", 1.0, None),
                    Say("де вчити фінську?", "ask_language_course", 0.9, "uk"),
                ),
            ),
        ],
    )
    client = make_app(database_url=f"sqlite:///{database}").test_client()
    assert sign_in(client, USER, PASSWORD).status_code == 302
    return client


def test_a_clicked_button_shows_as_its_title_and_start_as_a_command(telegram_client):
    html = telegram_client.get("/conversations/tg-uk-buttons").text
    shown = re.findall(r'<p class="text" dir="auto" translate="no">([^<]*)</p>', html)
    user_messages = [text for text in shown if text in {"/start (Українська)", "Вивчення мови"}]
    assert user_messages == ["/start (Українська)", "Вивчення мови"]
    assert "де вчити фінську?" in shown
    # The payload, intent and entities stay on the message's details.
    details = html.split("<details", 2)[1]
    assert "/greet{&#34;language&#34;:&#34;uk&#34;}" in details and "language=uk" in details
    assert "/help{&#34;topic&#34;:&#34;language&#34;}" in html.split("<details", 3)[2]
    assert html.count("clicked a button") == 2


def test_the_list_and_the_improve_page_show_what_the_user_saw(telegram_client):
    row = telegram_client.get("/").text.split('data-sender="tg-uk-buttons"')[1]
    assert "/start (Українська)</td>" in row.split("</tr>")[0]
    html = telegram_client.get("/improve").text
    assert ">Вивчення мови <code" in html and "/start (Українська) <code" in html


@pytest.mark.parametrize(
    ("text", "channel", "shown"),
    [
        ('/greet{"language":"uk"}', "telegram", "/start (Українська)"),
        ('/greet{"language":"sv"}', "website", "/greet (Svenska)"),
        ("/greet", "telegram", "/start"),
        ('/help{"topic":"language"}', "website", "/help (language)"),
        ("/help", "telegram", "/help"),
        ('/help{"topic":"language"}', "telegram", "Вивчення мови"),
        ("/not a payload", "telegram", "/not a payload"),
        ('/greet{"language":', "telegram", '/greet{"language":'),
        ("hei", "telegram", "hei"),
    ],
)
def test_shown_text(text, channel, shown):
    from bot.review.store import shown_text

    offered = {'/help{"topic":"language"}': "Вивчення мови"} if channel == "telegram" else {}
    assert shown_text(text, channel, offered) == shown
