"""Someone who cannot read or write: the literacy training.

"مرتي ما بتعرف تقرا ولا تكتب، لا عربي ولا انجليزي. في شي بيعلمها؟": the catalogue's answer is
the literacy training (§5, §4), for job seekers and for people outside the labour force alike.
The classifier read the languages the person cannot read as a request to switch, or could
not decide. These words say it in the six languages: reading and writing not known (or a word
for it, "illiterate"), and a question.
"""

from __future__ import annotations

from bot.nlu.wording import as_read, compiled, says_all

_CANNOT_READ_AND_WRITE = (
    r"\b(?:(?:en|ei|eikä|enkä) (?:osaa|osannu\w*|osaakaan) (?:\w+ )?(?:lukea|kirjoittaa)"
    r"|luku- ja kirjoitustaido\w*|lukutaidoto\w*|lukutaidon puute"
    r"|(?:kan|kunde) (?:inte|int|varken) (?:\w+ )?(?:läsa|skriva)|analfabet\w*"
    r"|(?:can'?t|cannot|can not|couldn'?t|unable to|doesn'?t know how to|don'?t know how to"
    r"|never learned to|never learnt to) (?:\w+ )?(?:read|write)|illiterate|illiteracy"
    r"|не (?:умею|умеет|умеют|может|могу|знаю как|научил\w*) (?:\w+ )?(?:читать|писать)"
    r"|неграмотн\w*|безграмотн\w*"
    r"|не (?:вмію|вміє|вміють|може|можу|навчил\w*) (?:\w+ )?(?:читати|писати)"
    r"|неписьменн\w*)\b"
    r"|(?:ما|مش|لا|ولا) (?:بتعرف|بعرف|بيعرف|تعرف|اعرف|أعرف|يعرف|بتعرفش|بعرفش|تعرفش|عارفة|عارف)"
    r" (?:\S+ )?(?:تقرا|تقرأ|اقرا|أقرأ|يقرا|يقرأ|نقرا|القراءة|القراية|تكتب|اكتب|أكتب|يكتب|الكتابة)"
    r"|(?:^|\s)(?:ال)?[اأ]مي[ةه](?=\s|$|[،,.!؟?])|محو (?:ال)?[اأ]مي"
)
# Reading a page or writing a CV is no literacy ("i cant read anything there" of the city's
# website, "ما اعرف اكتب سي في").
_A_PAGE_OR_A_CV = (
    r"\b(?:cv|resume|résumé|application|website|webpage|page|pages|site|sivu\w*|sidan|sajten|сайт\w*"
    r"|страниц\w*|сторінк\w*|резюме)\b|سي في|السيرة|سيرة|الموقع|موقع|صفحة"
)
_PATTERNS = compiled(_CANNOT_READ_AND_WRITE)
(_NOT_THIS,) = compiled(_A_PAGE_OR_A_CV)


def cannot_read_or_write(text: str) -> bool:
    """Whether the message says the person (or someone close) cannot read or write ("ما بتعرف
    تقرا ولا تكتب", "she can't read or write"); not "I can't read this page" nor a CV."""
    return says_all(text, _PATTERNS) and not _NOT_THIS.search(as_read(text))
