from . import signing_register, verify
