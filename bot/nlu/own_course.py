"""A course the person found or chose themselves, asked to count: the self-motivated study.

"Я безработный, нашел сам курс финского в летнем университете. Его могут засчитать вместо
котоутумискоулутуса?", "I found an online Finnish course at a university of applied sciences,
can that count as my integration training?": the classifier reads the course and the
integration training it would replace. The programme's answer is the self-motivated study
(§4): a job seeker may choose a course and have it approved in the integration plan. These
words say it in the six languages: a course, found or chosen by the person, and whether it
counts, is approved or comes instead.
"""

from __future__ import annotations

from bot.nlu.wording import compiled, says_all

_COURSE = (
    r"\b(?:kurs\w*|(?:finsk|svensk|språk|sprak|nät|nat|distans|kvälls|kvalls|sommar)a?kurs\w*|course\w*|class\w*|studie\w*|opinto\w*|opiskel\w*|koulu\w*|school|skola\w*"
    r"|курс\w*|учёб\w*|обучени\w*|школ\w*|навчанн\w*"
    # a vocational school's line ("ammattikoulun suomenkielisen linjan")
    r"|\w+koulu\w*|linja\w*|\w*opisto\w*)\b"
    r"|دورة|دوره|كورس|دراس|مدرس"
)
_OF_ONES_OWN = (
    r"\b(?:löysin|löysimme|löytäny\w*|valitsin|valita itse|itse valit\w*|oman kurssin"
    r"|hittade|hittat|valde|valt|välja själv|själv välja|egen kurs|på egen hand|pa egen hand"
    r"|hitta själv|själv hitta"
    r"|found|chose|chosen|my own course|on my own|by myself"
    r"|наш[её]л|нашла|выбрал\w*|сам\w* выбр\w*|сам\w* наш\w*|свой курс"
    r"|знайшов|знайшла|обрав|обрала|сам\w* обра\w*|сам\w* знайш\w*|свій курс)\b"
    r"|لقيت|لاقيت|وجدت|اخترت|بنفسي|لحالي|لكيت|لگيت"  # the last two Iraqi: "I found"
)
_COUNTS = (
    r"\b(?:hyväksy\w*|kelpa\w*|laske\w*|korva\w*|tilalle|sijaan"
    r"|godkänn\w*|godkänd\w*|räkna\w*|räknas|istället|i stället|godta\w*|duger"
    r"|count\w*|approv\w*|accept\w*|instead|recogni[sz]\w*"
    r"|засчита\w*|засчит\w*|зачт\w*|зачесть|одобр\w*|вместо|учт\w*"
    r"|зарахува\w*|зарахуют\w*|схвал\w*|затверд\w*|замість|врахува\w*"
    # goes as the integration training ("чтобы это шло как интеграция")
    r"|as (?:my |the )?integration|som (?:min |en )?integration"
    r"|(?:шло|пошло|пойд[её]т|ш[её]л|считал\w*|считается)(?: \w+){0,2} (?:как|за) "
    r"|(?:йшло|пішло|піде|йшов|рахувал\w*|рахується)(?: \w+){0,2} (?:як|за) "
    # there rather than where the office sends ("хочу ходить туда, а не туда куда TE направит")
    r"|а не туда|а не туди|rather than)\b"
    r"|تحتسب|يحتسب|تنحسب|ينحسب|يحسبو|يقبلو|يعتمد|تعتمد|بدل|ضمن خط"
)
_PATTERNS = compiled(_COURSE, _OF_ONES_OWN, _COUNTS)


def asks_to_count_a_course_of_ones_own(text: str) -> bool:
    """Whether the message names a course the person found or chose and asks whether it
    counts ("нашел сам курс … могут засчитать?"); not "can I find a course?"."""
    return says_all(text, _PATTERNS)
