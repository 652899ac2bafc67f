"""Where to start: the service needs assessment.

"من وين ابدأ؟", "where do we start?", "var börjar vi?": a newcomer asks for the first step, and
the programme's first step is the assessment of skills and service needs (§4). The classifier
read the "where" of it as a question where a service is (`ask_location`, 1.00 for "من وين
ابدأ؟") or could not decide. These words ask where to start or what to do first, in the six
languages, in a message that asks nothing else; not how to start a course already named ("how
do I start the course?": signing up).
"""

from __future__ import annotations

from bot.nlu.wording import as_read, compiled, says_all
from bot.spelling import compile_tolerant

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
    r"(?:ابدأ|أبدأ|ابدا|نبدأ|نبدا|ابلش|أبلش|نبلش|بلش|ببلش|ببدأ|ببدا)"
    r"|(?:شو|ايش|إيش|شنو|ايه|ما) (?:هي |هيه )?(?:ال)?(?:اول|أول|اولى|أولى) (?:ال)?خطو[ةه]"
    r"|(?:شو|ايش|إيش|شنو|ايه) (?:لازم |بدي |المفروض )?(?:اعمل|أعمل|نعمل|اسوي|نسوي) (?:اول|أول)"
)
# Words that say nothing of what to start with: a greeting, an ok or "never mind", and having
# just arrived ("marhaba, ana lessa wasel 3a finland, mn wen bballesh?"), which is why one asks.
_SAYS_NOTHING_MORE = compile_tolerant(
    r"^(?:(?:ok|okay|okei|okej|nvm|never mind|so|well|hmm|alright|anyway|hi|hello|hey|hei|moi"
    r"|hej|tja|no|niin|ну|ладно|ок|привет|привіт|добрий день|добрый день|مرحبا|السلام عليكم"
    r"|السلام|اهلا|أهلا|طيب|تمام)[\s,.!]+)+"
    r"|\b(?:i |we )?(?:just|recently) (?:arrived|moved|came)(?: (?:to|in) \w+)?"
    r"|\b(?:olen|oon|ollaan|olemme) (?:just |juuri |vasta )(?:muuttanu\w*|tullu\w*|saapunu\w*)"
    r"(?: \w+(?:an|en|in|un|yn|än|ön))?"
    r"|\b(?:jag har|ja har|vi har) (?:precis|nyss|just) (?:kommit|flyttat)(?: till \w+)?"
    r"|\b(?:я |мы )?(?:только что|недавно|только) (?:приехал\w*|переехал\w*)(?: в \w+)?"
    r"|\b(?:я |ми )?(?:щойно|нещодавно|тільки) (?:приїха\w*|переїха\w*)(?: в \w+| до \w+)?"
    r"|(?:انا |أنا )?(?:لسا|لسه|لسّا|توني|تو) (?:واصل|واصله|واصلة|جيت|وصلت)"
    r"(?: (?:على|ع|الى|إلى|ل) ?\S+)?"
)
_PATTERNS = compiled(_WHERE_TO_START)
# A longer message says where to start with what ("I want to open a salon, where do I start?"):
# that is its question. A story's question part is read on its own (bot/story_reading.py).
MAX_WORDS = 6


def asks_where_to_start(text: str) -> bool:
    """Whether the message asks, and only asks, where to start or what to do first ("من وين
    نبدأ؟", "с чего нам начать?"); not "where is it?", "how do I start the course?" nor "I
    want to open a salon, where do I start?". A greeting, an ok and having just arrived are
    no more than the question ("ok nvm. what do i do first?")."""
    if not says_all(text, _PATTERNS):
        return False
    return len(_SAYS_NOTHING_MORE.sub(" ", as_read(text)).split()) <= MAX_WORDS
