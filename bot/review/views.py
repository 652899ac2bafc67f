"""The review tool's pages and downloads."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

import yaml
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    stream_with_context,
    url_for,
)

from bot.languages import LANGUAGES, NATIVE_NAMES
from bot.masking import mask
from bot.paths import DOMAIN_DIR
from bot.review import analytics, auth, devices, preferences, reviews, sessions, store
from bot.review.context import review
from bot.review.exports import INTENT_NAME, conversations_csv, nlu_yaml
from bot.review.i18n import (
    DEFAULT_UI_LANGUAGE,
    UI_LANGUAGES,
    Translator,
    catalogue,
    ui_language,
)
from bot.review.listing import (
    FALLBACK_FILTERS,
    HANDOFF_FILTERS,
    Filters,
    build_rows,
    filter_rows,
    paginate,
)
from bot.review.paths import VENDOR_FILES

blueprint = Blueprint("review", __name__)

PUBLIC_ENDPOINTS = frozenset({"review.login", "review.choose_language", "review.vendor", "static"})
IMPROVE_PAGE_SIZE = 100
ANALYTICS_DEFAULT_DAYS = 30
ANALYTICS_MAX_DAYS = 366
_SAFE_NEXT = re.compile(r"^/(?!/)[^\s\\]*$")


# --- guards ----------------------------------------------------------------------------------


@blueprint.before_app_request
def require_sign_in():
    """Anonymous requests go to the sign-in page (downloads get 401). The CSRF token of POSTs
    is checked next, by Flask-WTF's CSRFProtect (app.py `install_csrf`)."""
    if request.endpoint not in PUBLIC_ENDPOINTS and current_user() is None:
        if request.path.startswith("/export"):
            text = translator()("sign_in_first") + "\n"
            return Response(text, status=401, mimetype="text/plain")
        return redirect(url_for("review.login", next=_next_target()))
    return None


def current_user() -> str | None:
    """The signed-in coordinator: the cookie's session must still be live on the server
    (not signed out, not idle or too old, password unchanged) and the account must exist."""
    if "user" not in g:
        name = session.get("user")
        if name:
            context = review()
            with context.engine.begin() as connection:
                live = sessions.user_of(
                    connection, session.get("sid"), context.config.clock(), *_session_limits()
                )
                if live != name or not auth.user_exists(connection, name):
                    _clear_session()
                    name = None
        g.user = name
    return g.user


def _clear_session() -> None:
    """Forget the browser's session, its CSRF token included: forms made before are refused
    and the next page gets a new token (Flask-WTF caches the request's token in `g`)."""
    session.clear()
    g.pop(current_app.config["WTF_CSRF_FIELD_NAME"], None)


def _session_limits() -> tuple[float, float]:
    """Idle timeout and absolute lifetime of a session, in seconds."""
    config = review().config
    return config.session_idle_minutes * 60.0, config.session_max_hours * 3600.0


def _next_target() -> str:
    target = request.full_path if request.query_string else request.path
    return target if request.method == "GET" else "/"


def _safe_next(target: str | None) -> str:
    if target and _SAFE_NEXT.match(target) and not urlsplit(target).netloc:
        return target
    return url_for("review.conversations")


@blueprint.app_context_processor
def template_helpers() -> dict:
    # csrf_token() comes from Flask-WTF (app.py `install_csrf`).
    ui = translator()
    return {
        "user": current_user() if request else None,
        "languages": LANGUAGES,
        "native_names": NATIVE_NAMES,
        "statuses": reviews.STATUSES,
        "ui": ui,
        "t": ui,
        "tn": ui.plural,
        "ui_languages": UI_LANGUAGES,
        "ui_keys": catalogue(),
    }


@blueprint.app_template_filter("mask")
def mask_filter(text: str | None) -> str:
    return mask(text or "")


# --- the coordinator's language ------------------------------------------------------------


def current_language() -> str:
    """The language the pages speak: the signed-in coordinator's choice (kept with their
    account), else the one chosen on this browser before signing in, else the browser's
    Accept-Language among Finnish, Swedish and English, else English."""
    if "ui_language" not in g:
        chosen = None
        user = current_user()
        if user:
            with review().engine.connect() as connection:
                chosen = preferences.language_of(connection, user)
        g.ui_language = (
            chosen
            or ui_language(session.get("language"))
            or request.accept_languages.best_match(UI_LANGUAGES)
            or DEFAULT_UI_LANGUAGE
        )
    return g.ui_language


def translator() -> Translator:
    return Translator(current_language(), review().zone)


@blueprint.post("/language")
def choose_language():
    """Remember the chosen language: with the account when signed in (so it follows the
    coordinator to other devices), in this browser's session on the sign-in page."""
    language = ui_language(request.form.get("language"))
    if language is None:
        abort(400, translator()("error_unknown_language"))
    user = current_user()
    if user:
        with review().engine.begin() as connection:
            preferences.set_language(connection, user, language)
    else:
        session["language"] = language
    g.pop("ui_language", None)
    target = request.form.get("next")
    return redirect(_safe_next(target) if user else url_for("review.login", next=target or None))


# --- sign-in ---------------------------------------------------------------------------------


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        if current_user():
            return redirect(_safe_next(request.args.get("next")))
        return render_template("login.html", next=request.args.get("next", ""))
    t = translator()
    context = review()
    config = context.config
    name = request.form.get("username", "")
    device_cookie = devices.cookie_name(config.secure_cookies)
    trusted = devices.trusted_for(
        config.secret_key, request.cookies.get(device_cookie), name.strip()[:100]
    )
    now = config.clock()
    with context.engine.begin() as connection:
        result = auth.sign_in(
            connection,
            context.throttle,
            name,
            request.form.get("password", ""),
            ip=request.remote_addr or "unknown",
            now=now,
            trusted_device=trusted,
        )
    next_target = request.form.get("next", "")
    if result.limited:
        seconds = int(result.wait)
        message = t.plural("error_too_many_sign_ins", seconds)
        response = make_response(render_template("login.html", error=message, next=next_target))
        response.status_code = 429
        response.headers["Retry-After"] = str(seconds)
        return response
    if result.user is None:
        message = t("error_wrong_password")
        return render_template("login.html", error=message, next=next_target), 401
    with context.engine.begin() as connection:
        sessions.end(connection, session.get("sid"))
        sessions.purge(connection, now, *_session_limits())
        session_id = sessions.start(connection, result.user, now)
    _adopt_language(result.user)
    _clear_session()  # a new session on sign-in: nothing set before it survives, no token
    session.permanent = True
    session["user"] = result.user
    session["sid"] = session_id
    response = redirect(_safe_next(next_target))
    response.set_cookie(
        device_cookie,
        devices.issue(config.secret_key, result.user),
        max_age=devices.MAX_AGE_SECONDS,
        secure=config.secure_cookies,
        httponly=True,
        samesite="Lax",
    )
    return response


def _adopt_language(user: str) -> None:
    """A language chosen on the sign-in page becomes the account's if it has none yet."""
    chosen = ui_language(session.get("language"))
    if chosen:
        with review().engine.begin() as connection:
            if preferences.language_of(connection, user) is None:
                preferences.set_language(connection, user, chosen)


@blueprint.post("/logout")
def logout():
    """Sign out: the session's server record goes, so a copied cookie is worthless too."""
    language = current_language()
    with review().engine.begin() as connection:
        sessions.end(connection, session.get("sid"))
    _clear_session()  # the CSRF token goes too
    session["language"] = language  # the sign-in page stays in the coordinator's language
    return redirect(url_for("review.login"))


# --- conversations ---------------------------------------------------------------------------


def _rows(connection):
    context = review()
    conversations = context.index.conversations(connection)
    handoffs = store.handoffs(connection)
    rows = build_rows(
        conversations, reviews.statuses(connection), reviews.tags(connection), handoffs
    )
    return rows, conversations, handoffs


@blueprint.get("/")
def conversations():
    context = review()
    filters = Filters.from_args(request.args)
    with context.engine.connect() as connection:
        rows, _, _ = _rows(connection)
        known_tags = reviews.all_tags(connection)
    services = sorted({s for row in rows for s in row.facts.services})
    channels = sorted({row.facts.channel for row in rows if row.facts.channel})
    page = paginate(
        filter_rows(rows, filters, context.zone),
        _int(request.args.get("page"), 1),
        context.config.page_size,
    )
    return render_template(
        "conversations.html",
        page=page,
        filters=filters,
        services=services,
        channels=channels,
        known_tags=known_tags,
        handoff_filters=HANDOFF_FILTERS,
        fallback_filters=FALLBACK_FILTERS,
    )


@blueprint.get("/conversations/<path:sender_id>")
def transcript(sender_id: str):
    context = review()
    with context.engine.connect() as connection:
        turns = store.transcript(connection, sender_id)
        if turns is None:
            abort(404)
        status = reviews.statuses(connection).get(sender_id, reviews.DEFAULT_STATUS)
        tags = reviews.tags(connection).get(sender_id, [])
        notes = reviews.notes(connection, sender_id)
        handoffs = store.handoffs(connection).get(sender_id, [])
        facts = context.index.conversations(connection).get(sender_id)
    return render_template(
        "transcript.html",
        sender_id=sender_id,
        turns=turns,
        facts=facts,
        status=status,
        tags=tags,
        notes=[(note, mask(note.text)) for note in notes],
        handoffs=[(h, mask(h.last_error or "")) for h in handoffs],
        intents=trainable_intents(),
        back=_safe_next(request.args.get("back")),
    )


def _conversation_exists(sender_id: str) -> None:
    with review().engine.connect() as connection:
        if store.transcript(connection, sender_id) is None:
            abort(404)


def _back_to(sender_id: str):
    back = request.form.get("back")
    return redirect(url_for("review.transcript", sender_id=sender_id, back=back or None))


@blueprint.post("/conversations/<path:sender_id>/status")
def set_status(sender_id: str):
    _conversation_exists(sender_id)
    try:
        with review().engine.begin() as connection:
            reviews.set_status(
                connection, sender_id, request.form.get("status", ""), current_user() or ""
            )
    except reviews.ReviewError as error:
        flash(translator()(error.key, **error.values), "error")
    return _back_to(sender_id)


@blueprint.post("/conversations/<path:sender_id>/tags")
def add_tags(sender_id: str):
    _conversation_exists(sender_id)
    try:
        with review().engine.begin() as connection:
            reviews.add_tags(
                connection, sender_id, request.form.get("tags", ""), current_user() or ""
            )
    except reviews.ReviewError as error:
        flash(translator()(error.key, **error.values), "error")
    return _back_to(sender_id)


@blueprint.post("/conversations/<path:sender_id>/tags/remove")
def remove_tag(sender_id: str):
    _conversation_exists(sender_id)
    with review().engine.begin() as connection:
        reviews.remove_tag(connection, sender_id, request.form.get("tag", ""))
    return _back_to(sender_id)


@blueprint.post("/conversations/<path:sender_id>/notes")
def add_note(sender_id: str):
    _conversation_exists(sender_id)
    try:
        with review().engine.begin() as connection:
            reviews.add_note(
                connection, sender_id, request.form.get("text", ""), current_user() or ""
            )
    except reviews.ReviewError as error:
        flash(translator()(error.key, **error.values), "error")
    return _back_to(sender_id)


# --- improving the bot -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def domain_intents() -> tuple[str, ...]:
    """The intents the assistant is trained on, from domain/*.yml (read on first use)."""
    intents: set[str] = set()
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in content.get("intents") or []:
            intents.add(item if isinstance(item, str) else next(iter(item)))
    return tuple(sorted(intents))


def trainable_intents() -> tuple[str, ...]:
    return tuple(i for i in domain_intents() if i != store.FALLBACK_INTENT)


@blueprint.get("/improve")
def improve():
    context = review()
    language = request.args.get("language", "")
    language = language if language in LANGUAGES else ""
    intent = request.args.get("intent", "").strip()
    query = request.args.get("q", "").strip()[:200]
    max_confidence = _float(request.args.get("max_confidence"))
    with context.engine.connect() as connection:
        conversations = context.index.conversations(connection)
    messages = [m for facts in conversations.values() for m in facts.messages]
    if language:
        messages = [m for m in messages if m.language == language]
    if intent:
        messages = [m for m in messages if m.intent == intent]
    if max_confidence is not None:
        messages = [
            m for m in messages if m.confidence is not None and m.confidence <= max_confidence
        ]
    if query:
        messages = [m for m in messages if query.casefold() in m.text.casefold()]
    messages.sort(key=lambda m: (m.at, m.event_id), reverse=True)
    total = len(messages)
    pages = max(1, -(-total // IMPROVE_PAGE_SIZE))
    number = min(max(1, _int(request.args.get("page"), 1)), pages)
    shown = messages[(number - 1) * IMPROVE_PAGE_SIZE : number * IMPROVE_PAGE_SIZE]
    seen_intents = sorted({m.intent for f in conversations.values() for m in f.messages} - {None})
    params = {
        k: v
        for k, v in {
            "language": language,
            "intent": intent,
            "q": query,
            "max_confidence": request.args.get("max_confidence", ""),
        }.items()
        if v
    }
    return render_template(
        "improve.html",
        messages=shown,
        total=total,
        number=number,
        pages=pages,
        params=params,
        language=language,
        intent=intent,
        query=query,
        max_confidence=request.args.get("max_confidence", ""),
        seen_intents=seen_intents,
        intents=trainable_intents(),
    )


@blueprint.post("/export/nlu")
def export_nlu():
    intent = request.form.get("intent", "").strip()
    language = request.form.get("language", "")
    if not INTENT_NAME.match(intent) or language not in LANGUAGES:
        abort(400, translator()("error_export_choice"))
    event_ids = {_int(value, 0) for value in request.form.getlist("event_id")} - {0}
    if not event_ids:
        abort(400, translator()("error_export_empty"))
    context = review()
    with context.engine.connect() as connection:
        conversations = context.index.conversations(connection)
    messages = store.messages_by_ids(conversations, event_ids)
    if not messages:
        abort(404)
    body = nlu_yaml(messages, intent, language)
    name = f"nlu_{language}_{intent}.yml"
    return Response(
        body,
        mimetype="application/x-yaml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# --- downloads and analytics -----------------------------------------------------------------


@blueprint.get("/export/conversations.csv")
def export_csv():
    context = review()
    filters = Filters.from_args(request.args)
    with context.engine.connect() as connection:
        rows, _, _ = _rows(connection)
    selected = filter_rows(rows, filters, context.zone)
    stamp = datetime.now(context.zone).strftime("%Y%m%d-%H%M")
    return Response(
        stream_with_context(conversations_csv(selected, context.zone)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="conversations-{stamp}.csv"'},
    )


@blueprint.get("/analytics")
def analytics_page():
    context = review()
    today = datetime.now(context.zone).date()
    last = _date(request.args.get("date_to")) or today
    default_first = last - timedelta(days=ANALYTICS_DEFAULT_DAYS - 1)
    first = _date(request.args.get("date_from")) or default_first
    if first > last:
        first, last = last, first
    first = max(first, last - timedelta(days=ANALYTICS_MAX_DAYS - 1))
    with context.engine.connect() as connection:
        rows, _, handoffs = _rows(connection)
    summary = analytics.summarise(rows, handoffs, first, last, context.zone)
    return render_template(
        "analytics.html",
        summary=summary,
        first=first.isoformat(),
        last=last.isoformat(),
        chart_data=summary.chart_data(translator()),
        charts_available=all(path.exists() for path in VENDOR_FILES.values()),
    )


@blueprint.get("/vendor/<name>")
def vendor(name: str):
    """Browser libraries installed from npm at set-up (bot/review/node_modules), served here."""
    path = VENDOR_FILES.get(name)
    if path is None or not path.exists():
        abort(404)
    return send_from_directory(path.parent, path.name, max_age=3600)


def _int(raw: str | None, default: int) -> int:
    try:
        return int(raw or default)
    except ValueError:
        return default


def _float(raw: str | None) -> float | None:
    try:
        return float(raw) if raw else None
    except ValueError:
        return None


def _date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None
