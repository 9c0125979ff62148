"""Three rulings on the requestKeys message (API.md §3), checked with Python's `email` as the
independent reader: a new Message-ID on every call, display names no reader splits in mid-word,
and no RFC 2047 encoded-word hiding in an address."""

import base64
import email
import email.utils
import json
import re
from email import policy
from email.header import decode_header, make_header

import pytest

import rpc
from business_support import EMAIL, SOURCE_SUBJECT, error_summary, key_request, service  # noqa: F401

ENCODED_WORD = re.compile(r"=\?UTF-8\?([QB])\?([^?]*)\?=")


def parse(message: str, rules=policy.default):
    return email.message_from_bytes(message.encode("ascii"), policy=rules)


def message_for(service, name: str) -> str:
    return service.result("requestKeys", key_request(contactName=name))["message"]


def raw_header(message: str, name: str) -> str:
    """The header's value as sent, unfolded."""
    head = message.split("\r\n\r\n", 1)[0]
    return re.search(rf"^{name}: ([^\r\n]*(?:\r\n [^\r\n]*)*)", head, re.M).group(1).replace("\r\n", "")


# --- Message-ID: unique on every call (RFC 5322 §3.6.4) -------------------------------------

def message_id(message: str) -> str:
    return parse(message)["Message-ID"]


def test_identical_calls_get_different_message_ids(service):
    params = key_request(**{"from": "envios@correo.otra.com.mx"})  # the same sentAt every time
    first, second = (service.result("requestKeys", params) for _ in range(2))
    ids = [message_id(first["message"]), message_id(second["message"])]
    assert ids[0] != ids[1]
    for value in ids:
        assert re.fullmatch(r"<[0-9a-f]{32}@correo\.otra\.com\.mx>", value), value
    # The two answers are the same message in everything else.
    assert first["message"].replace(ids[0], "") == second["message"].replace(ids[1], "")
    assert {k: v for k, v in first.items() if k != "message"} == {k: v for k, v in second.items() if k != "message"}


def test_two_processes_do_not_repeat_an_id():
    """Not a per-process counter or a seed from the clock: two fresh servers, same call."""
    call = rpc.line(rpc.request(1, "requestKeys", key_request()))
    ids = set()
    for _ in range(2):
        done = rpc.run_stdio(call)
        assert done.returncode == 0, done.stderr.decode()
        ids.add(message_id(rpc.parse_lines(done.stdout)[0]["result"]["message"]))
    assert len(ids) == 2
    assert all(value.endswith("@empresamuestra.com.mx>") for value in ids)


# --- Display names: encoded-words break only before the name's own spaces ------------------

SPANISH_WORDS = ["Él", "Tú", "Sé", "Mí", "Té", "Dé"]
NAMES = [
    "José María Fernández de la Peña Ñúñez Gutiérrez Hernández Rodríguez Hernández Rodríguez",
    "José María Fernández de la Peña Ñúñez Gutiérrez Hernández Rodríguez",
    "Óscar Iñaki Núñez Pérez Gómez Jiménez Martínez Ramírez",
    " ".join(SPANISH_WORDS[i % len(SPANISH_WORDS)] for i in range(60)),  # 60 accented words in a row
]


def compat32_display_name(message: str) -> tuple[str, str]:
    """What an RFC 2047 §6.2 reader shows: `compat32`, then `decode_header`/`make_header`."""
    raw = parse(message, policy.compat32)["From"]
    assert str(make_header(decode_header(raw))).endswith(f" <{EMAIL}>")
    name, address = email.utils.parseaddr(raw)
    return str(make_header(decode_header(name))), address


@pytest.mark.parametrize("name", NAMES, ids=["jose-maria-longer", "jose-maria", "oscar-inaki", "sixty-words"])
def test_long_accented_names_read_back_under_both_policies(service, name):
    assert len(name) <= 200 and "  " not in name
    message = message_for(service, name)
    # RFC 2047 §6.2 readers: letter for letter.
    assert compat32_display_name(message) == (name, EMAIL)
    # policy.default keeps the folding space between encoded-words: at worst a doubled space
    # at a break, never a word cut in two.
    mailbox = parse(message)["From"].addresses[0]
    assert mailbox.addr_spec == EMAIL
    assert re.sub(" +", " ", mailbox.display_name) == name
    head = message.split("\r\n\r\n", 1)[0].split("\r\n")
    assert max(len(line) for line in head) <= 78


def decoded_words(message: str) -> list[tuple[str, str]]:
    """Each encoded-word of From, decoded on its own, with the text between it and the next."""
    value = raw_header(message, "From")
    matches = list(ENCODED_WORD.finditer(value))
    words = []
    for index, match in enumerate(matches):
        kind, payload = match.groups()
        data = (base64.b64decode(payload, validate=True) if kind == "B"
                else re.sub(r"=([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), payload.replace("_", " ")).encode("latin-1"))
        after = value[match.end():matches[index + 1].start()] if index + 1 < len(matches) else value[match.end():]
        words.append((data.decode("utf-8"), after))
    return words


@pytest.mark.parametrize("name", NAMES, ids=["jose-maria-longer", "jose-maria", "oscar-inaki", "sixty-words"])
def test_every_break_between_encoded_words_is_before_one_of_the_names_spaces(service, name):
    words = decoded_words(message_for(service, name))
    assert len(words) > 1, "a name this long needs several encoded-words"
    for (text, between), (following, _) in zip(words, words[1:]):
        if between.strip() == "":  # adjacent encoded-words: only folding white space between
            assert following.startswith(" ") and not text.endswith(" "), (text, following)
    assert all(len(match.group(0)) <= 75 for match in ENCODED_WORD.finditer(raw_header(message_for(service, name), "From")))


def test_only_a_word_longer_than_an_encoded_word_is_split(service):
    name = f"José {'Ñ' * 40} Núñez"  # 80 bytes in one word: more than an encoded-word holds
    message = message_for(service, name)
    assert compat32_display_name(message) == (name, EMAIL)
    words = [text for text, _ in decoded_words(message)]
    assert "".join(words) == name
    mid_word = [(a, b) for a, b in zip(words, words[1:]) if not b.startswith(" ")]
    assert mid_word, "the long word cannot fit in one encoded-word"
    assert all(a.endswith("Ñ") and b.startswith("Ñ") for a, b in mid_word), words


def test_subject_reads_back_exactly_under_both_policies(service):
    message = message_for(service, "Óscar Iñaki Núñez Pérez Gómez Jiménez Martínez Ramírez")
    assert parse(message)["Subject"] == SOURCE_SUBJECT
    assert str(make_header(decode_header(parse(message, policy.compat32)["Subject"]))) == SOURCE_SUBJECT


# --- No encoded-words in addresses (RFC 2047 §5) --------------------------------------------

SPOOFS = ["=?utf-8?q?spy=40evil.com?=@example.com", "a=?b@empresa.mx", "=?@empresa.mx"]
ADDRESS_FIELDS = {
    "contactEmail": ("/contactEmail", lambda a: key_request(contactEmail=a)),
    "from": ("/from", lambda a: key_request(**{"from": a})),
    "cc": ("/cc/0", lambda a: key_request(cc=[a, "ok@b.mx"])),
    "bcc": ("/bcc/1", lambda a: key_request(bcc=["ok@b.mx", a])),
}


@pytest.mark.parametrize("field", ADDRESS_FIELDS)
@pytest.mark.parametrize("address", SPOOFS)
def test_encoded_word_marker_in_an_address_is_invalid_email(service, field, address):
    path, params = ADDRESS_FIELDS[field]
    response = service.error("requestKeys", params(address))
    assert response["error"]["code"] == -32602
    assert error_summary(response) == [f"{path} INVALID_EMAIL"]
    assert "=?" in response["error"]["data"]["errors"][0]["message"]


@pytest.mark.parametrize("address", ["a=b@empresa.mx", "a?b@empresa.mx", "a?=b@empresa.mx"])
def test_equals_or_question_mark_alone_is_still_an_address(service, address):
    result = service.result("requestKeys", key_request(cc=[address], **{"from": address}))
    assert result["from"] == address and result["cc"] == [address]
    assert json.dumps(result["message"]).count(address) == 2  # From and Cc
