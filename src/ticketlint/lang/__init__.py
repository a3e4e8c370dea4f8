"""Language handling: detection restricted to the supported languages."""
