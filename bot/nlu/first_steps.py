"""Where to start: the service needs assessment.

"من وين ابدأ؟", "where do we start?", "var börjar vi?": a newcomer asks for the first step, and
the programme's first step is the assessment of skills and service needs (§4). The classifier
read the "where" of it as a question where a service is (`ask_location`, 1.00 for "من وين
ابدأ؟") or could not decide. These words ask where to start or what to do first, in the six
languages, in a message that asks nothing else; not how to start a course already named ("how
do I start the course?": signing up).
"""

from __future__ import annotations

from bot.nlu.wording import compiled, says_all

_WHERE_TO_START = (
    r"\b(?:where (?:do|should|can|shall|would) (?:i|we) (?:start|begin)|where to (?:start|begin)"
    r"|what (?:do|should|must) (?:i|we) do first|what(?:'s| is) (?:the |my |our )?first step"
    r"|mistä (?:mä |mun |minä |minun |me |meidän )?(?:kannattaa |pitää |pitäis\w* |voi\w* )?"
    r"(?:aloit\w*|alott\w*)|mikä (?:on )?(?:eka|ensimmäinen|ensimmainen) (?:askel|steppi)"
    r"|mitä (?:mun|minun|meidän|mä|me) (?:pitää|pitäis\w*|kannattaa) tehdä ensin"
    r"|var (?:ska |skall |kan |bör )?(?:jag|vi|man) (?:börja|starta)|var börjar (?:jag|vi|man)"
    r"|vad (?:ska|bör) (?:jag|vi) göra först|vad (?:är|ar|e) (?:det )?första steg(?:et)?"
    r"|с чего (?:мне |нам )?(?:начать|начинать)|что (?:мне |нам )?(?:делать|сделать) сначала"
    r"|какой (?:мой |наш |же )?первый шаг"
    r"|з чого (?:мені |нам )?(?:почати|починати)|що (?:мені |нам )?(?:робити|зробити) спочатку"
    r"|який (?:мій |наш )?перший крок)\b"
    r"|من (?:وين|فين|أين|اين) (?:بدي |لازم |المفروض )?"
    r"(?:ابدأ|أبدأ|ابدا|نبدأ|نبدا|ابلش|أبلش|نبلش|بلش)"
    r"|(?:شو|ايش|إيش|شنو|ايه|ما) (?:هي |هيه )?(?:ال)?(?:اول|أول|اولى|أولى) (?:ال)?خطو[ةه]"
    r"|(?:شو|ايش|إيش|شنو|ايه) (?:لازم |بدي |المفروض )?(?:اعمل|أعمل|نعمل|اسوي|نسوي) (?:اول|أول)"
)
_PATTERNS = compiled(_WHERE_TO_START)
# A longer message says where to start with what ("I want to open a salon, where do I start?"):
# that is its question. A story's question part is read on its own (bot/story_reading.py).
MAX_WORDS = 6


def asks_where_to_start(text: str) -> bool:
    """Whether the message asks, and only asks, where to start or what to do first ("من وين
    نبدأ؟", "с чего нам начать?"); not "where is it?", "how do I start the course?" nor "I
    want to open a salon, where do I start?"."""
    return len(text.split()) <= MAX_WORDS and says_all(text, _PATTERNS)
