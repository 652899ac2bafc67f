"""A registered job seeker asking who helps them find work gets the employment services'
job-search help (bot/nlu/job_search.py, JobSearchRule), in the six languages; the readings a
person would expect to keep stay."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT

from bot.nlu.job_search import asks_for_job_search_help
from bot.nlu.rules import JobSearchRule
from tests.nlu_messages import ranked

ASKS = [
    "ja e arbetslös och anmäld hos TE, vem hjälper mej hitta nåt jobb?",  # "nåt" between
    # jobs in the plural, for two
    "My husband and I are registered job seekers now. Who helps us find jobs in Espoo?",
    "стою на учёте в TE, не знаю как тут работу ищут. кто поможет?",
    "Olen ollut kirjoilla työkkärissä syksystä asti. Kuka voisi auttaa minua löytämään töitä?",
    "oon työnhakija, mistä saisin apua työnhakuun?",
    "Jag är inskriven som arbetssökande sen i våras. Finns det någon som hjälper mig att hitta"
    " jobb?",
    "I'm registered as a job seeker since spring. Who could help me find work in Espoo?",
    "I lost my job in May, I'm registered with the employment services. Any support with job"
    " hunting?",
    "انا مسجل بمكتب العمل من شهرين، مين بيساعدني الاقي شغل؟",
    "Я зарегистрирован в службе занятости с весны. Кто поможет найти работу?",
    "стою на учёте на бирже труда, нужна помощь в поиске работы",
    "Я зареєстрована в центрі зайнятості. Хто допоможе знайти роботу?",
    # searching jobs without "for"; work of one's own field, words between
    "I'm registered at the TE office but I have no idea how to search jobs here. Who helps?",
    "Oon kirjoilla työkkärissä. Kuka auttais et löytäis oman alan töitä?",
    "Jag är anmäld som arbetssökande. Kan nån coacha mig i att söka jobb?",  # a coach
    # new work; a CV the person already has is not what they ask help with
    "Registered as unemployed since the factory closed. Who helps me look for new work?",
    "Стою на учёте в службе занятости. Резюме у меня есть, но кто поможет найти работу?",
    "I'm registered at the TE office and I have a CV already. Who can help me find a job?",
    # spoken Finnish; a CV sent out everywhere already
    "oon työkkärin asiakas ja etsin duunia, kuka vois auttaa?",
    "Стою на обліку в службі зайнятості, шукаю роботу. Резюме розіслала скрізь. Хто допоможе?",
]

NOT_ASKED = [
    # no word of being registered: Omnia's help with finding work may be meant
    "I'm unemployed, who can help me find work?",
    "olen työtön, kuka auttaa löytämään töitä?",
    "я безработный, кто поможет найти работу?",
    # help with the papers of an application: Omnia's
    "I'm registered at the TE office, who can help me write a CV to find a job?",
    "Я на учёте в службе занятости, кто поможет составить резюме, чтобы найти работу?",
    # the status alone, no request for help
    "я зараз шукаю роботу, на обліку в службі зайнятості",
    # registered, asking for something else
    "Jag är inskriven som arbetssökande, hur kommer jag in på en finskakurs?",
]


@pytest.mark.parametrize("text", ASKS)
def test_a_registered_job_seeker_asking_for_help_finding_work(text: str) -> None:
    assert asks_for_job_search_help(text)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_other_messages_do_not_ask_it(text: str) -> None:
    assert not asks_for_job_search_help(text)


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        (ASKS[0], "ask_omnia_competence_centre", 0.9),  # the classifier's usual reading
        (ASKS[3], "inform_target_group", 0.8),  # the status, not the question
        (ASKS[6], "ask_koski_competence_centre", 0.45),  # nothing sure
        (ASKS[2], "ask_job_search_help", 0.45),  # right, but too close to a rival
        (ASKS[0], "ask_eligibility", 0.8),  # "who can help me" read as who may take part
    ],
)
def test_the_job_search_help_is_made_certain(text: str, guess: str, confidence: float) -> None:
    message = ranked(text, (guess, confidence), ("ask_career_guidance", 0.4))
    [message] = JobSearchRule().process([message])
    assert message.get(INTENT) == {"name": "ask_job_search_help", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        # a sure reading of another service: a graduate's competence centre
        (ASKS[3], "ask_koski_competence_centre"),
        # the service read is named
        ("I'm registered at TE, can Omnia help me find a job?", "ask_omnia_competence_centre"),
        # a request for a person, a follow-up
        (ASKS[7], "request_human"),
        (ASKS[5], "ask_cost"),
        # not the question
        (NOT_ASKED[0], "ask_omnia_competence_centre"),
    ],
)
def test_other_readings_stay(text: str, guess: str) -> None:
    message = ranked(text, (guess, 0.9))
    [message] = JobSearchRule().process([message])
    assert message.get(INTENT)["name"] == guess
