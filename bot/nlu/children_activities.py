"""A child's school, sport or hobby: the city's services for families.

"entäs koulu, poika on 8", "och billiga fritidsaktiviteter för barn, typ fotboll eller
simning?", "а в школу потом как? старшему осенью 7": the catalogue's answer is the city's
services for families with children, early childhood education, school, open activities and
sport (§5). The classifier read the child as a question of childcare during a lesson, the
school as signing up, or the sport as out of scope. These words say it in the six languages:
a child of the person's, and a school, a sport or a hobby.
"""

from __future__ import annotations

import re

from bot.detail_questions import asks_about_childcare
from bot.nlu.wording import compiled, says_all

_A_CHILD = (
    r"\b(?:lapsi|lapse\w*|lapset|lasten|lapsille|poika|poja\w*|tyttö\w*|tytär|tyttäre\w*"
    r"|barn|barnen|barnens|son|sonen|dotter|dottern|döttrar|pojke|pojken|flicka|flickan|tösen"
    r"|kid|kids|child|children|son|sons|daughter|daughters|boy|boys|girl|girls"
    r"|ребён\w*|ребен\w*|дети|детей|детям|сын\w*|доч\w*|старш\w*|младш\w*"
    r"|дитин\w*|діти|дітей|дітям|син\w*|доньк\w*|дочк\w*|сестричк\w*|братик\w*|молодш\w*)\b"
    r"|ابني|بنتي|ولادي|اولادي|أولادي|أطفالي|اطفالي|الأطفال|الاطفال|لابني|لبنتي|للأطفال|للاطفال"
    # "ولدي عمره ٤ سنين", "البنت … والصبي" (Gulf, Levantine), "عندي ولد عمره خمس سنين" (a boy)
    r"|ولدي|(?:^|\s)(?:ال)?(?:بنت|صبي|ولد)(?=\s|$|[،,.!؟?])"
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
# A daycare place, asked in a short question ("عايزة اعرف ازاي ادخل ابني الحضانة هنا"); in a
# longer story the daycare is part of the life told ("kids start daycare next autumn and
# after that I want to go to work").
_DAYCARE = (
    r"\b(?:dagis\w*|daghem\w*|päiväko\w*|paivako\w*|daycare|day care|kindergarten|nursery"
    r"|садик\w*|садок|садочк\w*|садочок|дитсад\w*|детсад\w*)\b"
    r"|حضانة|حضانه|الحضانة|الحضانه|روضة|روضه|الروضة|الروضه"
)
_DAYCARE_PATTERNS = compiled(_A_CHILD, _DAYCARE)
MAX_WORDS_OF_A_DAYCARE_QUESTION = 14
# A course or work the daycare makes possible: the S2 classes, career guidance.
_STUDY_OR_WORK = re.compile(
    r"\b(?:kurs\w*|course\w*|class\w*|learn\w*|stud\w*|opisk\w*|oppi\w*|opi\w*|lära|lär"
    r"|työ\w*|töi\w*|jobb\w*|work\w*|job\w*|(?:вы|из|на)?уч[иа]\w*|курс\w*|работ\w*|(?:ви)?вч[иа]\w*|робот\w*"
    r"|finsk\w*|finnish|suome\w*|фин\w*|фін\w*)\b"
    # work, but not "شغلة" (a matter: "وشغلة تانية، بدي اسجل ابني بالروضة")
    r"|دورة|دوره|كورس|ادرس|اتعلم|شغل(?![ةه])|اشتغل|دروس|فنلند",
    re.IGNORECASE,
)


def asks_about_a_childs_school_or_hobby(text: str) -> bool:
    """Whether the message is about a child's school, sport or hobby ("entäs koulu, poika on
    8", "hobby for the kids, like football?"); not a child looked after during a lesson
    ("кружок для детей, пока я на уроке?": childcare), nor a sport without a child."""
    asked = says_all(text, _PATTERNS) or (
        len(text.split()) <= MAX_WORDS_OF_A_DAYCARE_QUESTION
        and says_all(text, _DAYCARE_PATTERNS)
        and not _STUDY_OR_WORK.search(text)
    )
    return asked and not asks_about_childcare(text.lower())


# A child's school or daycare to sign up for ("البنت لازم تفوت عالمدرسه والصبي بدنا نحطه بروضه.
# وين لازم نسجلهم؟"): asked of the city, even though the classifier declined the story.
_SIGNING_UP = (
    r"\b(?:ilmoit\w*|hae\w*|hakea|anmäl\w*|skriva in|register\w*|enrol\w*|sign (?:\w+ )?up"
    r"|запис\w*|зарахув\w*|оформ\w*)\b|سجل|نسجل|اسجل|أسجل|يسجل|تسجيل|نقدم|اقدم|أقدم"
)
_SIGNING_UP_PATTERNS = compiled(_A_CHILD, _SIGNING_UP, f"{_SCHOOL_OR_HOBBY}|{_DAYCARE}")


def asks_to_sign_a_child_up(text: str) -> bool:
    """Whether the message asks how or where to sign a child up for school or daycare."""
    return says_all(text, _SIGNING_UP_PATTERNS)


# A club or hobby for the child, in so many words ("football club for kids", "harrastusta
# lapsille"): asked of the city even though the sport made the classifier decline it; a
# football match or a phone for a son stays declined.
_A_CLUB_OR_HOBBY = (
    r"\b(?:club|clubs|hobby|hobbies|seura\w*|kerho\w*|harrastu\w*|harrastus\w*"
    r"|förening\w*|forening\w*|fritidsaktivitet\w*|hobbyer|кружок|кружк\w*|секци\w*"
    r"|гурток|гуртк\w*|секці\w*)\b|نادي|نوادي|هواية|هوايات"
)
_CLUB_PATTERNS = compiled(_A_CHILD, _A_CLUB_OR_HOBBY)
# A sport or hobby for children ("nåt billigt för barn, typ fotboll eller simning?").
_FOR_CHILDREN = (
    r"\b(?:för barn\w*|for (?:the )?(?:kids|children)|lapsille|для детей|для дітей)\b"
    r"|للأطفال|للاطفال|للولاد"
)
_FOR_CHILDREN_PATTERNS = compiled(_FOR_CHILDREN, _SCHOOL_OR_HOBBY)


def asks_for_a_childs_club_or_hobby(text: str) -> bool:
    """Whether the message asks for a club or hobby for a child ("do you know some football
    club for kids?"), or a sport or hobby for children, not one looked after during a
    lesson."""
    asked = says_all(text, _CLUB_PATTERNS) or says_all(text, _FOR_CHILDREN_PATTERNS)
    return asked and not asks_about_childcare(text.lower())
