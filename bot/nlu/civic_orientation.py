"""How the country works, its laws and customs, asked as a course or a wish to understand: the
multilingual civic orientation.

"داير افهم البلد دي ماشة كيف، القوانين والعادات والحاجات دي. في كورس زي ده بالعربي؟", "is there
a course where they explain how life in Finland works, the rules and society?": the
catalogue's answer is the civic orientation (§3), given in many languages. The classifier
read "in Arabic" as the website translation, or could not decide. These words say it in the
six languages: the country, its society, laws or customs, and a course, an explanation or a
wish to understand them.
"""

from __future__ import annotations

from bot.nlu.wording import compiled, says_all

_THE_COUNTRY = (
    r"\b(?:miten (?:suomi|suomessa|täällä|tää maa|tämä maa|yhteiskunta|asiat) (?:\w+ )?toimi\w*"
    r"|suomalai\w* yhteiskun\w*|lait ja tavat|lakeja ja tapoja|lait ja säännöt"
    r"|hur (?:finland|samhället|det finländska samhället|livet här|allt här) (?:\w+ )?"
    r"(?:fungerar|funkar)|det finländska samhället|det finska samhället"
    r"|lagar och (?:seder|regler|traditioner|vanor)"
    r"|how (?:life |things |everything )?(?:in finland |here |in this country )?works?"
    r"|how (?:finland|finnish society|society|the country|this country) works?"
    r"|finnish society|(?:laws|rules) and (?:customs|traditions|culture)"
    r"|как (?:тут |здесь )?(?:устроен\w*|работает|живут) (?:\w+ )?(?:жизнь|страна|финлянди\w*"
    r"|общество|всё|все)|финск\w* обществ\w*|законы и (?:обычаи|традиции|правила|порядки)"
    r"|як (?:тут )?(?:влаштован\w*|працює) (?:\w+ )?(?:життя|країна|фінлянді\w*|суспільство|все)"
    r"|фінськ\w* суспільств\w*|закони (?:і|та) (?:звичаї|традиції|правила))\b"
    r"|(?:قوانين|القوانين|قوانينها|قوانينه)\S*.{0,25}(?:عادات|العادات|عاداتها|تقاليد|التقاليد)"
    r"|(?:افهم|أفهم|نفهم|يفهم|نتعرف على|اتعرف على|أتعرف على) (?:ال)?(?:بلد|مجتمع)"
    r"|المجتمع الفنلندي|(?:الحياة|البلد) (?:دي |هون |هنا )?(?:ماشة|ماشية|بتمشي) كيف"
    r"|كيف (?:ماشية|ماشة|بتمشي) (?:ال)?(?:حياة|بلد)"
)
_A_COURSE_OR_UNDERSTANDING = (
    r"\b(?:kurssi\w*|kurs\w*|course\w*|class\w*|курс\w*|explain\w*|understand\w*|selit\w*"
    r"|ymmär\w*|förstå\w*|förklar\w*|понять|понимать|объясн\w*|зрозуміти|розуміти|поясн\w*)\b"
    r"|كورس|دورة|دوره|درس|دروس|افهم|أفهم|نفهم|يفهم|يشرح|يشرحوا|نتعرف|اتعرف|أتعرف"
)
_PATTERNS = compiled(_THE_COUNTRY, _A_COURSE_OR_UNDERSTANDING)


def asks_about_how_the_country_works(text: str) -> bool:
    """Whether the message asks for a course on, or an explanation of, how the country works,
    its society, laws or customs ("دايرين نفهم البلد دي وقوانينها وعاداتها. في كورس زي ده
    بالعربي؟"); not a word of Finland alone ("I moved to Finland"), nor a law without a wish
    to understand it."""
    return says_all(text, _PATTERNS)
