#!/usr/bin/env python3
"""Writes server/src/main/resources/org/parley/auth/common-passwords.txt.

The list is built here from patterns that every published breach analysis finds at the top:
digit runs, keyboard walks, repeated characters, and a small set of well-known words and names
with the usual suffixes (digits, years, '!'). Only entries of 8+ characters are kept, since
shorter passwords are refused anyway. Lower case; the server compares case-insensitively.
Run again after editing the word lists; the output is sorted and deterministic.
"""
from pathlib import Path

WORDS = """
password passw0rd p@ssword p@ssw0rd pass qwerty letmein welcome monkey dragon football baseball
basketball soccer hockey iloveyou sunshine princess admin administrator master shadow superman
batman spiderman michael jennifer jordan hunter ranger buster thomas robert daniel charlie
andrew joshua matthew jessica ashley michelle amanda nicole justin tigger computer internet
freedom whatever trustno1 starwars pokemon naruto minecraft fortnite chocolate butterfly
purple orange yellow silver golden diamond flower summer winter autumn spring loveme lovely
secret changeme default guest login access hello hello123 azerty abc abcd abcdef abcdefg
abcdefgh qwertz asdf asdfgh zxcvbn killer pepper ginger cookie cheese banana apple mustang
ferrari porsche harley corvette mercedes yankees lakers cowboys eagles steelers liverpool
chelsea arsenal barcelona madrid juventus america canada london paris berlin google
facebook twitter samsung iphone android windows linux ubuntu oracle mysql database server
system office company business money dollar bitcoin family friends friend forever angel
angels heaven jesus christ blessed london123 matrix phoenix tiger lion eagle falcon wolf
shark dolphin panther jaguar cowboy pirate ninja samurai warrior wizard merlin gandalf
master123 test tester testing demo sample example user username mypassword mypass
""".split()

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "!", "1!", "123!", "01", "007",
            "69", "99", "00", "11", "13", "21", "22", "23", "77", "88", "@123", "#1", "2k"]
YEARS = [str(y) for y in range(1970, 2031)]
# the words people most often pair with a year
YEAR_WORDS = WORDS[:40]


def variants(word):
    for s in SUFFIXES:
        yield word + s
    if word in YEAR_WORDS:
        for y in YEARS:
            yield word + y


def runs():
    digits = "01234567890"
    for n in range(8, 11):
        for start in range(0, 10):
            up = "".join(digits[(start + i) % 10] for i in range(n))
            yield up
            yield up[::-1]
    for ch in "0123456789abcdefghijklmnopqrstuvwxyz!*.":
        for n in range(8, 13):
            yield ch * n
    for pair in ["12", "123", "1234", "abc", "ab", "qw", "69", "007", "xo"]:
        for n in range(2, 7):
            yield pair * n
    walks = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "qazwsxedc", "1qaz2wsx", "1qaz2wsx3edc",
             "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4", "q1w2e3r4t5", "zaq12wsx",
             "!qaz2wsx", "qweasdzxc", "1qazxsw2", "qwerty123", "qwerty1234", "qwertyui",
             "asdfghjk", "azertyuiop", "qwertzuiop", "poiuytrewq", "mnbvcxz", "password1!",
             "a1b2c3d4", "a1b2c3d4e5", "abc12345", "abcd1234", "1234abcd", "12345abc",
             "aa123456", "qq123456", "zz123456", "123456aa", "123qweasd", "123qweasdzxc"]
    yield from walks
    for y in YEARS:
        yield y * 2


def main():
    found = set()
    for w in WORDS:
        found.update(variants(w))
    found.update(runs())
    kept = sorted({p.lower() for p in found if 8 <= len(p) <= 64})
    out = Path(__file__).resolve().parent.parent / "server/src/main/resources/org/parley/auth/common-passwords.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(kept) + "\n")
    print(f"{len(kept)} passwords -> {out}")


if __name__ == "__main__":
    main()
