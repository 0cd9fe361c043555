"""The coder's stages, in the order a document flows through them."""
