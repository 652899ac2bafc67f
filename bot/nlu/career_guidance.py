"""Someone at home who now wants to work, and asks who advises them: the career guidance for
people outside the labour force.

"Ja har vart hemma med barnen i fem år men nu börjar den minsta på dagis. Ja skulle vilja
börja jobba men vet int vad ja kunde göra här. Vem kan ge mej råd?", "انا ست بيت … كنت مدرسة
رياضيات في مصر ونفسي ارجع اشتغل بس مش عارفة ابدأ منين": the catalogue's answer for someone
outside the labour force is Koto-Espoo's career guidance (§5). The classifier read the story
around the wish as the general guidance, the civic orientation or the services for families.
These words say it in the six languages: a wish to (start or go back to) work, and a question
of who advises, what work, or where to begin. The person's group is read by
`TargetGroupExtractor`: the rule applies only to someone outside the labour force.
"""

from __future__ import annotations

from bot.nlu.wording import WHO_HELPS, compiled, says_all

_WANTS_TO_WORK = (
    r"\b(?:(?:haluaisin|haluisin|haluan|haluun|toivon|pääsisin|päästä|mennä|palata|aloittaa)"
    r" (?:\w+ ){0,2}(?:töihin|työelämään|työt|työskennellä|tekemään töitä)"
    r"|(?:vill|ville|skulle vilja|vilja|vela|önskar) (?:\w+ ){0,2}(?:jobba|arbeta)"
    r"|(?:börja|komma) (?:\w+ ){0,2}(?:jobba|arbeta|ut i arbetslivet|i arbete)"
    r"|(?:want|wanna|would like|'d like|like|hope|ready|start|go back|get back|return)"
    r" (?:to )?(?:\w+ ){0,2}(?:work|working|a job|into work|to work)"
    r"|хочу (?:\w+ ){0,2}(?:работать|на работу|выйти на работу|пойти работать|устроиться)"
    r"|(?:выйти|вернуться|пойти) (?:\w+ ){0,2}(?:на работу|работать)"
    r"|хочу (?:\w+ ){0,2}(?:працювати|на роботу|вийти на роботу|піти працювати|влаштуватися)"
    r"|(?:вийти|повернутися|піти) (?:\w+ ){0,2}(?:на роботу|працювати))\b"
    r"|(?:نفسي|بدي|بدّي|اريد|أريد|ابغى|أبغى|حابة|حابب|حابه|عايزة|عايز|ودي|اود|أود|ارجع|أرجع)"
    r" (?:\S+ ){0,2}(?:اشتغل|أشتغل|اشتغال|اعمل|أعمل|العمل|الشغل|شغل|وظيفة|ارجع للشغل)"
)
# Who advises (`WHO_HELPS`), or what work, or not knowing what to do.
_WHO_ADVISES = (
    WHO_HELPS
    + r"|\b(?:kenelle|mitä (?:\w+ ){0,2}(?:voisin|voin|vois|osaan)|en tiedä|ei oo hajuu\w*"
    r"|vägled\w*|vad (?:\w+ ){0,2}(?:kunde|kan|ska)|vet int\w*|ingen aning"
    r"|guid\w*|what (?:\w+ ){0,2}(?:could|can|should)|(?:don't|dont|do not) know|no idea"
    r"|что (?:\w+ ){0,2}(?:могу|мог\w*)|не знаю|що (?:\w+ ){0,2}(?:можу|міг\w*))\b"
    r"|فين|لمين|ينصح|يوجه|توجيه|مش عارف|ما بعرف|ما اعرف|ما أعرف|مو عارف"
)
_PATTERNS = compiled(_WANTS_TO_WORK, _WHO_ADVISES)


def asks_how_to_start_working(text: str) -> bool:
    """Whether the message wishes to (start or go back to) work and asks who advises, what
    work, or where to begin ("Ja skulle vilja jobba men har ingen aning om vad ja kan göra
    här. Vem kunde hjälpa mej?"); not a wish to work without a question."""
    return says_all(text, _PATTERNS)
