"""Pages leave compressed for browsers that accept it, stored or rendered."""

import gzip
import re

import pytest

from core.pagecache import HEADER

pytestmark = pytest.mark.django_db

# What differs between two responses of one page by design: the masked CSRF
# token and the CSP nonce.
PER_RESPONSE = re.compile(r'(csrfmiddlewaretoken" value|nonce)="[^"]+"')


def _same_page(html: str) -> str:
    return PER_RESPONSE.sub(r'\1=""', html)


def test_a_thread_page_is_sent_compressed_and_unpacks_to_the_page(
    client, thread, reply
):
    url = thread.get_absolute_url()
    plain = client.get(url)
    packed = client.get(url, headers={"accept-encoding": "gzip, br"})

    assert packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert _same_page(html) == _same_page(plain.content.decode())
    assert len(packed.content) < len(plain.content) / 2


def test_a_page_served_from_the_page_cache_is_compressed_too(client, thread):
    url = thread.get_absolute_url()
    client.get(url, headers={"accept-encoding": "gzip"})
    stored = client.get(url, headers={"accept-encoding": "gzip"})

    assert stored[HEADER] == "hit"
    assert stored["Content-Encoding"] == "gzip"
    assert thread.title in gzip.decompress(stored.content).decode()


def test_a_browser_that_does_not_accept_gzip_gets_plain_html(client, thread):
    response = client.get(thread.get_absolute_url())

    assert not response.has_header("Content-Encoding")
    assert thread.title in response.content.decode()


def test_no_secret_repeats_across_compressed_responses(client, thread, reply):
    # BREACH guesses a secret byte by byte from the compressed length of
    # many responses; Django masks the CSRF token afresh in each one.
    url = thread.get_absolute_url()
    tokens = set()
    for _ in range(3):
        packed = client.get(url, headers={"accept-encoding": "gzip"})
        html = gzip.decompress(packed.content).decode()
        tokens |= set(re.findall(r'csrfmiddlewaretoken" value="([^"]+)"', html))

    assert len(tokens) == 3
