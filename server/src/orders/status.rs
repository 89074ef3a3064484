//! An order's life as a plain state machine: [`Status`] × [`IntentEvent`] → [`next`]. The
//! store applies the answer with a compare-and-set (`UPDATE … WHERE status = <old>`), so the
//! database, not memory, decides which of two racing events makes the change.

/// Where an order stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Recorded; no final word from Stripe yet (also while a payment is `processing`).
    Pending,
    /// Stripe says the intent succeeded: paid (a setup order: the card is saved).
    Paid,
    /// The last attempt failed; a later success still wins.
    Failed,
    /// The intent was canceled; a later success still wins.
    Canceled,
}

impl Status {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Paid => "paid",
            Status::Failed => "failed",
            Status::Canceled => "canceled",
        }
    }

    /// The stored word, read back.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "pending" => Status::Pending,
            "paid" => Status::Paid,
            "failed" => Status::Failed,
            "canceled" => Status::Canceled,
            _ => return None,
        })
    }
}

/// What a Stripe event says about an order's intent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntentEvent {
    /// `payment_intent.succeeded`, `setup_intent.succeeded`.
    Succeeded,
    /// `payment_intent.processing`: still on its way.
    Processing,
    /// `payment_intent.payment_failed`, `setup_intent.setup_failed`.
    Failed,
    /// `payment_intent.canceled`, `setup_intent.canceled`.
    Canceled,
}

impl IntentEvent {
    /// The event for a Stripe event type, if it is one the server acts on.
    pub fn from_type(event_type: &str) -> Option<Self> {
        Some(match event_type {
            "payment_intent.succeeded" | "setup_intent.succeeded" => IntentEvent::Succeeded,
            "payment_intent.processing" => IntentEvent::Processing,
            "payment_intent.payment_failed" | "setup_intent.setup_failed" => IntentEvent::Failed,
            "payment_intent.canceled" | "setup_intent.canceled" => IntentEvent::Canceled,
            _ => return None,
        })
    }
}

/// The order's next status, or `None` when the event changes nothing. Stripe does not
/// promise to deliver events in order ("Event ordering", docs.stripe.com/webhooks), so a
/// success is final and wins over anything earlier, and nothing undoes it: a
/// `payment_failed` that arrives after `succeeded` (an earlier attempt's) changes nothing.
pub fn next(status: Status, event: IntentEvent) -> Option<Status> {
    use IntentEvent as E;
    use Status as S;
    match (status, event) {
        (S::Paid, _) => None,
        (_, E::Succeeded) => Some(S::Paid),
        (_, E::Processing) => None,
        (S::Pending, E::Failed) => Some(S::Failed),
        (S::Failed | S::Canceled, E::Failed) => None,
        (S::Pending | S::Failed, E::Canceled) => Some(S::Canceled),
        (S::Canceled, E::Canceled) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_is_final_and_wins_over_earlier_failures() {
        for status in [Status::Pending, Status::Failed, Status::Canceled] {
            assert_eq!(next(status, IntentEvent::Succeeded), Some(Status::Paid));
        }
        for event in [
            IntentEvent::Succeeded,
            IntentEvent::Processing,
            IntentEvent::Failed,
            IntentEvent::Canceled,
        ] {
            assert_eq!(next(Status::Paid, event), None, "{event:?}");
        }
    }

    #[test]
    fn processing_keeps_an_order_pending_and_failures_do_not_undo_a_cancel() {
        assert_eq!(next(Status::Pending, IntentEvent::Processing), None);
        assert_eq!(
            next(Status::Pending, IntentEvent::Failed),
            Some(Status::Failed)
        );
        assert_eq!(next(Status::Canceled, IntentEvent::Failed), None);
        assert_eq!(
            next(Status::Failed, IntentEvent::Canceled),
            Some(Status::Canceled)
        );
    }

    #[test]
    fn statuses_and_event_types_read_back() {
        for status in [
            Status::Pending,
            Status::Paid,
            Status::Failed,
            Status::Canceled,
        ] {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(
            IntentEvent::from_type("payment_intent.payment_failed"),
            Some(IntentEvent::Failed)
        );
        assert_eq!(IntentEvent::from_type("charge.succeeded"), None);
    }
}
