"""Starting a business of one's own, and asking who helps: the business advice.

"hej, ja har jobbat som frisör i Turkiet i femton år. nu vill ja öppna en egen salong här. vem
kan hjälpa mej med det?", "хочу открыть свое дело, маникюр на дому. с чего начинать и кто тут
консультирует по этому?": the catalogue's answer is the business advice that Espoo gives
Kauniainen's entrepreneurs too (§5). The classifier read the story around it as general
guidance, or could not decide. These words say it in the six languages: a business, company
or shop of one's own to start or open, and a question of who helps, where or how to begin.
"""

from __future__ import annotations

from bot.nlu.wording import WHO_HELPS, compiled, says_all

_OWN_BUSINESS = (
    r"\b(?:oma\w* (?:yritys|yrityksen|firma\w*|liike\w*|kahvila\w*|ravintola\w*|salonki\w*)"
    r"|perusta\w* (?:oma\w* )?(?:yritys|yrityksen|firma\w*|kahvila\w*|ravintola\w*|liike\w*)"
    # a shop opened, a word or two between ("открыть тут маленький салон")
    r"|avata (?:\w+ ){0,2}(?:kampaamo\w*|kahvila\w*|ravintola\w*|liike\w*|salonki\w*|kauppa\w*)"
    r"|öppna (?:\w+ ){0,2}(?:salong|frisörsalong|restaurang|butik|café|kafé|bageri)"
    r"|open (?:\w+ ){0,3}(?:salon|shop|restaurant|cafe|café|bakery|barbershop)"
    r"|открыть (?:\w+ ){0,2}(?:салон|кафе|магазин|парикмахерск\w*|пекарн\w*|мастерск\w*)"
    r"|відкрити (?:\w+ ){0,2}(?:салон|кафе|магазин|перукарн\w*|пекарн\w*|майстерн\w*)"
    r"|ryhty\w* yrittäjäksi"
    # a sole trader's business name or registration ("хочу оформить это официально, как
    # toiminimi"), in any language
    r"|toiminimi\w*|kevytyrittäj\w*|оформить (?:\w+ ){0,2}официально|оформити (?:\w+ ){0,2}офіційно"
    r"|eget företag|egen firma|eget (?:café|kafé)|egen (?:\w*salong|restaurang|butik|verksamhet)"
    r"|starta (?:ett |en |eget |egen )?(?:företag|firma|verksamhet)|starta eget|bli företagare"
    r"|own (?:business|company|firm|salon|shop|restaurant|cafe|café)"
    r"|(?:start|open|set up) (?:a |an |my )?(?:business|company|firm)|become an entrepreneur"
    r"|сво(?:[её]|й) (?:дело|бизнес|салон|кафе|магазин|фирму)"
    r"|открыть (?:сво\w* )?(?:дело|бизнес|салон|кафе|магазин|фирму)"
    r"|свою справу|свій (?:\w+ )?(?:бізнес|салон|магазин|кабінет)"
    r"|власн\w* (?:справ\w*|бізнес\w*|салон\w*)"
    r"|відкрити (?:сво\w* |власн\w* )?(?:справу|бізнес|салон|кафе|магазин|фірму))\b"
    r"|(?:افتح|أفتح|فتح|نفتح|ابدأ|أبدأ|ابدا) (?:\S+ )?(?:محل|صالون|مطعم|شركة|مشروع|بزنس)"
    r"|مشروع خاص|مشروعي الخاص|شغل حر|عمل حر"
    # working for oneself ("للي بدهم يشتغلوا لحسابهم")
    r"|(?:اشتغل|يشتغلوا|يشتغل|نشتغل|تشتغل|اشتغال) (?:على )?"
    r"(?:لحسابي|لحسابهم|لحسابه|لحسابها|لحسابنا)"
)
# Who helps (`WHO_HELPS`), or how.
_WHO_OR_HOW = (
    WHO_HELPS + r"|\b(?:miten|var|hur|stöd\w*|how|support\w*|begin|как|начина\w*|як|почина\w*)\b"
    r"|كيف|شلون"
)
_PATTERNS = compiled(_OWN_BUSINESS, _WHO_OR_HOW)


def asks_about_starting_a_business(text: str) -> bool:
    """Whether the message tells of a business of one's own to start and asks who helps, where
    or how ("nu vill ja öppna en egen salong här. vem kan hjälpa mej?"); not "I work at a
    company", a company already run ("my company in Dubai", a ФОП: the taxes of a company
    abroad are out of scope), nor a word of a business without a question."""
    return says_all(text, _PATTERNS)
