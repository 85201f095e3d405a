"""The contract every signing backend fulfils, and the registry the letter picks its backend from.

A signing backend turns the rendered PDF of a letter into the PDF that is kept, hashed, registered
and published. The Pemda chooses one with its ``signing_backend`` setting; the letter asks
``BACKENDS`` for that key and never compares the key itself.

Adding a backend is one new file ``signing_backend_<key>.py`` imported in ``models/__init__.py``:
a subclass of ``SigningBackend`` decorated with ``@register``, and, in the same file, a
``selection_add`` on ``res.company.signing_backend`` so the Pemda can choose it.
"""

BACKENDS = {}


def register(backend_class):
    """Class decorator: make the backend available under its ``key``."""
    BACKENDS[backend_class.key] = backend_class
    return backend_class


class SigningBackend:
    """One way of signing a letter's PDF.

    ``sign_pdf`` runs inside the signing transaction with the signing official's environment
    (``letter.env.user`` is who signs). It raises ``UserError`` when the official cannot sign
    (nothing is then signed), and ``SigningServiceDown`` when a remote service is unreachable.
    """

    key = None
    # the value of the letter's signature_kind once signed by this backend
    signature_kind = "qr"

    def needs_passphrase(self):
        """Whether the official gives a passphrase at each signature (the dialog opens first)."""
        return False

    def can_queue(self):
        """Whether a signature is kept in the signing queue while the service is down."""
        return False

    def sign_pdf(self, letter, pdf, passphrase, field, box, reason):
        """The signed PDF bytes for ``pdf``, signed in the signature field ``field``.

        ``box`` is where a visible signature goes (None: the signature block's place); ``reason``
        says in what capacity the official signs.
        """
        raise NotImplementedError

    @staticmethod
    def location(letter):
        """The place written into a signature: the SKPD's town, else its name."""
        return letter.company_id.city or letter.company_id.name
