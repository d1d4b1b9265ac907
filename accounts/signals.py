"""What accounts announces, for apps above it (forum, notifications) to act on.

Sent by accounts.services inside the decision's transaction.
"""

from django.dispatch import Signal

# Staff approved, rejected or revoked a credential: kwargs credential (with
# its new status, review note and member).
credential_decided = Signal()
# Staff warned, suspended or banned a member, or lifted a suspension or
# ban: kwargs sanction (lifted_at set when lifted), and for a lift reason.
member_sanctioned = Signal()
# A member's badge was given or taken away (a credential approved or
# revoked), after their row changed: kwargs member.
badge_changed = Signal()
