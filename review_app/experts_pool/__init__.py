"""The expert pool at work: draws, invitations, advisers' opinions, ratings and the annual assessment."""
