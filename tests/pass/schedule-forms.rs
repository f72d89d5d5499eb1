use stackforge::prelude::*;

#[lambda_function]
async fn cleanup(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

#[lambda_function]
async fn on_event(_event: EventBridgeEvent, _context: Context) -> Result<(), Error> {
    Ok(())
}

stack! {
    ScheduleForms {
        // The unit is singular for 1 and plural above.
        schedule every_minute = "rate(1 minute)" => cleanup;
        schedule every_five_minutes = "rate(5 minutes)" => cleanup;
        schedule hourly = "rate(1 hour)" => cleanup;
        schedule twice_a_day = "rate(12 hours)" => cleanup;
        schedule daily = "rate(1 day)" => cleanup;
        // Six fields; exactly one of day-of-month and day-of-week is `?`.
        schedule weekday_evenings = "cron(59 23 ? * MON-FRI *)" => cleanup;
        schedule monthly = "cron(0/15 0-23 1 * ? *)" => cleanup;
        schedule last_day = "cron(0 12 L * ? 2027)" => cleanup;

        event_bus shop;
        rule order_placed {
            source: ["shop.orders"],
            detail_type: ["OrderPlaced"],
            bus: shop,
        } => on_event;
        rule big_orders {
            source: ["shop.orders"],
            detail: { amount: [{ numeric: [">", 100] }], express: [true] },
        } => on_event;
    }
}

fn main() {
    assert_eq!(ScheduleForms::handlers().len(), 2);
}
