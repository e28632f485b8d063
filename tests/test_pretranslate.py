"""Fixed words translated when a template compiles (revdoor/language/pretranslate.py) render exactly as Jinja's
newstyle gettext renders them at every page."""

from __future__ import annotations

import gettext

import jinja2
import pytest

from revdoor.language.catalogues import translations
from revdoor.language.pretranslate import Pretranslate

TEMPLATE = """{{ _("People") }}|{{ _("Moves") | upper }}|{{ _("%(n)s lab", n="<b>") }}|{{ _("Tricky") }}|\
{{ _("Percent") }}|{% trans %}Skip to content{% endtrans %}|{{ x._("People") }}|{{ [_("Labs")] | join }}"""


class Tricky(gettext.NullTranslations):
    """French, plus translations with markup characters and a percent sign."""

    def gettext(self, message: str) -> str:
        extra = {"Tricky": "B & <i>C</i>", "Percent": "100 %% sûr"}
        return extra.get(message) or translations("fr").gettext(message)


class Holder:
    def _(self, text: str) -> str:  # an attribute call named `_` is not the gettext function
        return f"attr:{text}"


def env(pretranslate: bool, autoescape: bool) -> jinja2.Environment:
    extensions: list[str | type] = ["jinja2.ext.i18n", *([Pretranslate] if pretranslate else [])]
    e = jinja2.Environment(extensions=extensions, autoescape=autoescape)
    e.install_gettext_translations(Tricky(), newstyle=True)  # type: ignore[attr-defined]
    if pretranslate:
        e.pretranslations = Tricky()  # type: ignore[attr-defined]
    return e


@pytest.mark.parametrize("autoescape", [True, False])
def test_pretranslated_templates_render_as_newstyle_gettext_does(autoescape: bool) -> None:
    expected = env(False, autoescape).from_string(TEMPLATE).render(x=Holder())
    assert env(True, autoescape).from_string(TEMPLATE).render(x=Holder()) == expected
    assert expected.startswith("Personnes|MOUVEMENTS|")


def test_a_fixed_word_is_a_constant_of_the_compiled_template() -> None:
    code = env(True, True).compile('{{ _("People") }}{{ _("%(n)s lab", n=1) }}{{ _("Percent") }}', raw=True)
    assert "'Personnes'" in code and "'People'" not in code
    assert "'%(n)s lab'" in code  # with variables: left to gettext
    assert "'Percent'" in code  # its translation holds a '%': left to gettext
