# Sphinx configuration of the netsec.srx_vpn docs site, built by tools/build-docs.sh.
# Started from `antsibull-docs sphinx-init` (2.28.0); intersphinx removed so the build never
# needs the network, myst_parser added for the Markdown user guide.

project = 'netsec.srx_vpn'
copyright = 'srx_vpn developers'
title = 'netsec.srx_vpn: Juniper SRX IPsec VPNs from Ansible inventory'
html_short_title = 'netsec.srx_vpn'
html_title = title

extensions = ['sphinx_antsibull_ext', 'myst_parser']
source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}
root_doc = 'index'

pygments_style = 'ansible'
highlight_language = 'YAML+Jinja'

html_theme = 'sphinx_ansible_theme'
html_show_sphinx = False
html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False
display_version = False
# The theme's defaults point at Ansible's own sites and show ads; this site is the collection's.
html_theme_options = {
    'topbar_links': {
        'Repository': 'https://github.com/netsec/srx_vpn',
        'Issues': 'https://github.com/netsec/srx_vpn/issues',
    },
    'show_extranav': False,
    'show_rtd_ethical_ads': False,
}

default_role = 'any'
# Every reference must resolve: a broken link is a build failure under -W.
nitpicky = True

# Markdown: `#section` links resolve to headings, `:::` fences for directives.
myst_heading_anchors = 3
myst_enable_extensions = ['colon_fence']


def setup(app):
    # The guide's diagrams are Mermaid (GitHub renders them); without a Mermaid extension the site
    # shows their source, which needs a lexer name Pygments knows.
    from pygments.lexers.special import TextLexer
    app.add_lexer('mermaid', TextLexer)
