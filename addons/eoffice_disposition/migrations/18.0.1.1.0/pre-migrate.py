"""The copies of each letter are stored on the letter (for the control room): the columns are made and
filled here in one statement each, so that the update does not compute them letter by letter through
the ORM (a million letters on a Pemda's database)."""


def migrate(cr, version):
    cr.execute("""
        ALTER TABLE eoffice_letter ADD COLUMN IF NOT EXISTS copies_electronic int4,
                                   ADD COLUMN IF NOT EXISTS copies_paper int4
    """)
    cr.execute("""
        UPDATE eoffice_letter l
           SET copies_electronic = c.electronic, copies_paper = c.paper
          FROM (SELECT letter_id,
                       count(*) FILTER (WHERE dispatch_method IN ('internal', 'email')) AS electronic,
                       count(*) FILTER (WHERE dispatch_method = 'print') AS paper
                  FROM eoffice_letter_recipient GROUP BY letter_id) c
         WHERE c.letter_id = l.id
    """)
    # letters without recipients keep NULL, read as 0
