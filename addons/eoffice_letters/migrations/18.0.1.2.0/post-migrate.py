"""18.0.1.2.0: certificate authority generations.

- Every official's certificate issued before records which CA issued it: the Pemda's one CA.
- A certificate that was revoked only because its official requested a new one is *superseded*
  instead: what it signed stays valid (it was never a suspected leak).
"""

SUPERSEDED_REASONS = ("Superseded by a new certificate", "Digantikan oleh sertifikat baru")


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE eoffice_signing_certificate certificate
           SET ca_id = (SELECT ca.id
                          FROM eoffice_signing_certificate ca
                          JOIN res_company company ON company.id = certificate.company_id
                         WHERE ca.is_ca AND ca.company_id = company.pemda_id
                      ORDER BY ca.id LIMIT 1)
         WHERE NOT coalesce(certificate.is_ca, false) AND certificate.ca_id IS NULL
    """)
    cr.execute("""
        UPDATE eoffice_signing_certificate
           SET state = 'superseded', revoked_date = NULL, revoke_reason = NULL
         WHERE state = 'revoked' AND NOT coalesce(is_ca, false) AND revoke_reason IN %s
    """, [SUPERSEDED_REASONS])
