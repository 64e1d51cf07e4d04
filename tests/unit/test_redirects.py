"""The login's `next` target: a path on this site or nothing (review_app.auth.redirects)."""
import pytest

from review_app.auth.redirects import local_path


@pytest.mark.parametrize("target", [
    "/", "/profile", "/matters/7", "/matters/?q=%E5%AE%A1&page=2", "/audit/?action=matter.&before=40",
    "/matters/?q=a%20b", "/matters/?q=a%2F%2Fb",
])
def test_local_paths_are_kept(target):
    assert local_path(target) == target


@pytest.mark.parametrize("target", [
    None, "", "//evil.example", "///evil.example", "/\t/evil.example/x", "\t//evil.example", " //evil.example",
    "/\n/evil.example", "/\r/evil.example", "/\x7f/evil.example", "/\\evil.example", "/\\/evil.example",
    "\\\\evil.example", "/%2F%2Fevil.example", "/%2f/evil.example", "/%5Cevil.example", "/%09/evil.example",
    "https:evil.example", "https://evil.example", "http:/evil.example", "javascript:alert(1)",
    "data:text/html,x", "evil.example", "/x//evil.example", "/ x",
])
def test_anything_a_browser_could_read_as_another_host_is_refused(target):
    assert local_path(target) is None
