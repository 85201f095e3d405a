def format_number(value, digits=0):
    """A number the Indonesian way: dots group thousands, a comma marks decimals, trailing zeros dropped."""
    text = f"{value:,.{digits}f}"
    if digits:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "#").replace(".", ",").replace("#", ".")


def format_rupiah(amount):
    return f"Rp {format_number(amount)}"
