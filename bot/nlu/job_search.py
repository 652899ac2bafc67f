"""A registered job seeker asking who helps them find work: the employment services' job-search
help.

"Ja har varit arbetslös sen mars och e anmäld på TE-byrån … Vem kan hjälpa mej att hitta
jobb?", "Now I'm registered at the employment office as unemployed. Who can help me to find a
job here?": the catalogue's answer is the job-search help of the Espoo–Kauniainen employment
area (§5), which serves unemployed job seekers. The classifier read Omnia's competence centre,
whose help with finding work the programme has not yet confirmed for Kauniainen's job seekers,
or could not decide. These words say it in the six languages: the person is registered as a
job seeker (at the employment services, or by the official name), asks for help or who helps,
and with finding work; not with a CV or a cover letter (Omnia's help with applications), unless
the CV is one they have ("Резюме есть, а как тут вообще ищут работу?").
"""

from __future__ import annotations

from bot.nlu.wording import as_read, compiled

_REGISTERED = (
    r"työnhakij\w*|kirjoilla|(?:te-?toimisto|työkkäri|työllisyyspalvelu)\w* asiak"
    r"|ilmoittau\w* (?:te-?toimisto|työkkäri|työllisyyspalvelu|työttöm)"
    r"|arbetssökande|(?:registrerad|inskriven|anmäld) (?:som|hos|vid|på|till) (?:arbets|te|syssels)"
    r"|job[- ]?seeker|registered (?:as|with|at)|(?:te|employment) (?:office|services?)"
    r"|зарегистрирова\w*|на учёте|бирж\w*|(?:служб|центр)\w* занятости"
    r"|зареєстрова\w*|на обліку|(?:служб|центр)\w* зайнятості"
    r"|مسجل|مسجّل|(?:مكتب|خدمات) (?:العمل|التوظيف)"
)
_HELP = (
    r"\b(?:apu\w*|avu\w*|autta\w*|auttais\w*|tuke\w*|tukea|kuka|keneltä|ohjau\w*|neuvo\w*"
    r"|hjälp\w*|stöd\w*|stötta\w*|vem|vägled\w*|coach\w*|valmen\w*|коуч\w*"
    r"|help\w*|who|support\w*|assist\w*|guid\w*"
    r"|помо\w*|кто|поддерж\w*|консульт\w*"
    r"|допом\w*|хто|підтрим\w*|консульт\w*)\b"
    r"|يساعد|مساعد|ساعد|مين|مين بيساعد|من يساعد|دعم|توجيه"
)
_FINDING_WORK = (
    r"\b(?:(?:töiden|työpaikan|työn) (?:etsi\w*|hak\w*)|työnhau\w*|työnhaku\w*"
    r"|löy(?:tää|dä|tämään|täisin|täis|täisi)\w* (?:\w+ ){0,2}(?:töitä|työtä|työpaika\w*)"
    # spoken: "etin töitä", "miten täällä haetaan duunia"
    r"|(?:etsi\w*|eti\w*|hae\w*|haetaan|hakee) (?:\w+ )?(?:töitä|työtä|duunia|duuni\w*|hommia)"
    r"|hitta (?:ett |nytt |något |nåt )?(?:jobb|arbete)|söka (?:jobb|arbete)|jobbsök\w*"
    r"|arbetssökandet"
    r"|find(?:ing)? (?:a |some |me a |us |new )?(?:jobs?|work)"
    r"|look(?:ing)? for (?:a |some )?(?:new )?(?:jobs?|work)"
    r"|job[- ]?(?:search|hunt)\w*|search(?:ing)? (?:for )?(?:a )?(?:jobs?|work)"
    r"|найти работу|поиск\w* работы|искать работу|трудоустро\w*|работу (?:ищ\w*|искать|найти)"
    r"|знайти роботу|пошук\w* роботи|шука\w* роботу|працевлаштув\w*|роботу (?:шука\w*|знайти)"
    r"|ищ\w* работу)\b"
    r"|(?:اقي|لاقي|الاقي|ألاقي|أجد|اجد|يلاقي) (?:شغل|عمل|وظيف)|البحث عن (?:عمل|شغل|وظيف)"
)
_APPLICATION_PAPERS = (
    r"\b(?:cv|resume|résumé|cover letter|ansioluettelo\w*|meritförteckning\w*|personligt brev"
    r"|резюме|сопроводительн\w*|супровідн\w*)\b|السيرة الذاتية|سيرة ذاتية"
)
# A CV the person already has ("Резюме есть, а как тут вообще ищут работу?") is not what they
# ask help with.
_PAPERS_ALREADY_MADE = (
    r"\b(?:резюме (?:у меня )?есть|есть резюме|резюме (?:в мене |вже )?є|є резюме"
    r"|(?:i )?(?:have|got) (?:a |my )?(?:cv|resume)(?: already| ready)?"
    r"|(?:jag |ja )?har (?:ett |redan |mitt )?cv|(?:mulla|minulla) on (?:jo )?cv"
    r"|cv on (?:jo )?valmis"
    # sent out already ("Резюме розіслав купу", "skickat hundra ansökningar")
    r"|(?:розіслав|розіслала|надіслав|надіслала|відправив|відправила|разослал\w*|отправил\w*"
    r"|sent|skickat|lähettäny\w*|lähettänyt) (?:\S+ ){0,2}(?:резюме|cv|ansökningar|hakemuksia)"
    r"|резюме (?:\S+ )?(?:розіслав|розіслала|надіслав|разослал\w*|отправил\w*))\b"
    r"|(?:عندي|معي) (?:ال)?(?:سيرة الذاتية|سيرة ذاتية|cv)"
)
_NEEDED = compiled(_REGISTERED, _HELP, _FINDING_WORK)
_NOT_THIS, _ALREADY_MADE = compiled(_APPLICATION_PAPERS, _PAPERS_ALREADY_MADE)


def asks_for_job_search_help(text: str) -> bool:
    """Whether a registered job seeker asks who helps them find work ("anmäld på TE-byrån …
    vem kan hjälpa mej att hitta jobb?"); not "help me write a CV", nor "I'm unemployed, who
    helps me find work?" without a word of being registered."""
    lowered = as_read(text)
    if not all(p.search(lowered) for p in _NEEDED):
        return False
    return not _NOT_THIS.search(_ALREADY_MADE.sub(" ", lowered))
