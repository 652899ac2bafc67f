"""A child's school, sport or hobby: the city's services for families.

"entäs koulu, poika on 8", "och billiga fritidsaktiviteter för barn, typ fotboll eller
simning?", "а в школу потом как? старшему осенью 7": the catalogue's answer is the city's
services for families with children, early childhood education, school, open activities and
sport (§5). The classifier read the child as a question of childcare during a lesson, the
school as signing up, or the sport as out of scope. These words say it in the six languages:
a child of the person's, and a school, a sport or a hobby.
"""

from __future__ import annotations

from bot.detail_questions import asks_about_childcare
from bot.nlu.wording import compiled, says_all

_A_CHILD = (
    r"\b(?:lapsi|lapse\w*|lapset|lasten|lapsille|poika|poja\w*|tyttö\w*|tytär|tyttäre\w*"
    r"|barn|barnen|barnens|son|sonen|dotter|dottern|döttrar"
    r"|kid|kids|child|children|son|sons|daughter|daughters|boy|boys|girl|girls"
    r"|ребён\w*|ребен\w*|дети|детей|детям|сын\w*|доч\w*|старш\w*|младш\w*"
    r"|дитин\w*|діти|дітей|дітям|син\w*|доньк\w*|дочк\w*|сестричк\w*|братик\w*|молодш\w*)\b"
    r"|ابني|بنتي|ولادي|اولادي|أولادي|أطفالي|اطفالي|الأطفال|الاطفال|لابني|لبنتي|للأطفال|للاطفال"
)
_SCHOOL_OR_HOBBY = (
    r"\b(?:koulu\w*|esikoulu\w*|eskari\w*|harrastu\w*|harrastaa|jalkapallo\w*|uinti\w*"
    r"|uimakoulu\w*|tanssi\w*|liikunta\w*|urheilu\w*"
    r"|skol\w*|förskol\w*|fritidsaktivitet\w*|fritids\w*|hobby\w*|fotboll\w*|simning\w*"
    r"|simskola\w*|dans\w*|idrott\w*"
    r"|school\w*|hobby|hobbies|football|soccer|swimming|dance|dancing|sports?"
    r"|школ\w*|кружк\w*|кружок|секци\w*|плавани\w*|футбол\w*|танц\w*|спорт\w*"
    r"|гурт\w*|секці\w*|плаванн\w*)\b"
    r"|مدرسة|مدرسه|المدرسة|المدرسه|نشاطات|أنشطة|انشطة|رياضة|رياضه|سباحة|سباحه|كرة القدم|كورة"
    r"|رقص|هواية|هوايات"
)
_PATTERNS = compiled(_A_CHILD, _SCHOOL_OR_HOBBY)


def asks_about_a_childs_school_or_hobby(text: str) -> bool:
    """Whether the message is about a child's school, sport or hobby ("entäs koulu, poika on
    8", "hobby for the kids, like football?"); not a child looked after during a lesson
    ("кружок для детей, пока я на уроке?": childcare), nor a sport without a child."""
    return says_all(text, _PATTERNS) and not asks_about_childcare(text.lower())
