"""The review app factory: Flask with the security every page relies on.

Every page and download needs a signed-in coordinator; every POST needs the session's CSRF
token (Flask-WTF's CSRFProtect, see `install_csrf`); session cookies are HttpOnly,
SameSite=Lax (Secure, `__Host-` and HSTS behind HTTPS) and name a server-side session record
(bot/review/sessions.py); responses forbid framing, inline scripts and caching of
conversation data.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from bot.review import notices, tables, views
from bot.review.auth import LoginThrottle
from bot.review.config import ReviewConfig
from bot.review.context import EXTENSION, Review
from bot.review.db import make_engine
from bot.review.store import TrackerIndex

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

HSTS = "max-age=31536000"
# Error pages with their own title and explanation in texts.yml (error_title_<code>).
ERROR_TEXTS = frozenset({400, 401, 403, 404, 405, 413, 429})


def create_app(config: ReviewConfig) -> Flask:
    if not config.secret_key:
        raise ValueError("the review app needs a secret key")
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config.secret_key,
        # __Host-: the browser keeps it only from HTTPS, for this host, for every path.
        SESSION_COOKIE_NAME=("__Host-" if config.secure_cookies else "") + "kotobot_review",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=config.session_max_hours),
        MAX_CONTENT_LENGTH=1024 * 1024,
        MAX_FORM_PARTS=5000,
    )
    engine = make_engine(config.database_url)
    tables.create_tables(engine)
    app.extensions[EXTENSION] = Review(
        config=config,
        engine=engine,
        index=TrackerIndex(),
        throttle=LoginThrottle(
            window_seconds=config.login_window_seconds,
            max_name_delay=config.login_max_name_delay,
            max_address_delay=config.login_max_address_delay,
        ),
        zone=ZoneInfo(config.timezone),
    )
    if config.trust_proxy:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    app.register_blueprint(views.blueprint)
    install_csrf(app, config)  # after the blueprint: its sign-in check runs first
    notices.install(app, config.database_url, config.handoff_cap)  # the global handoff cap

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code and error.code >= 500:
            return error
        t = views.translator()
        known = error.code in ERROR_TEXTS
        title = t(f"error_title_{error.code}") if known else t("error_title_other")
        if error.description != type(error).description:
            message = error.description  # written for the coordinator (in their language)
        else:
            message = t(f"error_text_{error.code}") if known else t("error_text_other")
        page = render_template("error.html", code=error.code, title=title, message=message)
        return page, error.code

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        # Flask-WTF's reason ("The CSRF token is missing.") goes to its log, not to the page.
        t = views.translator()
        page = render_template(
            "error.html", code=400, title=t("error_title_400"), message=t("error_csrf")
        )
        return page, 400

    @app.after_request
    def security_headers(response):
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if config.secure_cookies:  # served over HTTPS: browsers must never fall back to HTTP
            response.headers["Strict-Transport-Security"] = HSTS
        if response.mimetype != "text/css" and not response.mimetype.endswith("javascript"):
            response.headers["Cache-Control"] = "no-store"
        return response

    return app


def install_csrf(app: Flask, config: ReviewConfig) -> CSRFProtect:
    """Every POST (PUT, PATCH, DELETE) needs the session's CSRF token, in the form field
    `csrf_token` or the header X-CSRF-Token; templates get it from `csrf_token()`.

    Flask-WTF keeps a random token in the session (`session["csrf_token"]`, in the signed
    session cookie next to the server-side session id) and puts it in forms signed with
    SECRET_KEY. The review code clears the session on sign-in, sign-out and when the server
    says the session is over (sessions.py), so the token goes with it and a form from before
    is refused. A token is never accepted for longer than a session can live.

    Registered after the views' blueprint: Flask runs the before-request checks in that
    order, so an anonymous POST still goes to the sign-in page (a download gets 401) before
    its token is looked at, and a revoked session is refused whatever token it sends.
    """
    app.config.update(
        WTF_CSRF_HEADERS=["X-CSRF-Token"],
        WTF_CSRF_TIME_LIMIT=config.session_max_hours * 3600,
        # No Referer check on HTTPS: the token, SameSite=Lax and __Host- cookies are the
        # defence, as before; behind a proxy that rewrites Host the check refuses every POST.
        WTF_CSRF_SSL_STRICT=False,
    )
    return CSRFProtect(app)
