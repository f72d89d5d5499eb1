use stackforge::prelude::*;

#[lambda_function]
async fn on_click(_event: KinesisEvent) -> Result<(), Error> {
    Ok(())
}

#[lambda_function]
async fn cleanup(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    AlarmBoundaries {
        stream clicks;
        queue failed;
        topic alerts;
        topic pager;
        clicks.on_record(starting_position = LATEST) => on_click;
        schedule nightly = "rate(1 day)" => cleanup;
        function cleanup { dead_letter: failed }

        // A day of 10 s periods; a function that reads a stream emits `iterator_age`.
        alarm falling_behind {
            function: on_click,
            metric: iterator_age,
            statistic: maximum,
            comparison: greater,
            threshold: 60000,
            period: 10,
            evaluation_periods: 8640,
            datapoints_to_alarm: 8640,
            actions: [alerts, pager],
        }
        // A function with a `dead_letter` emits `dead_letter_errors`.
        alarm letters_lost {
            function: cleanup,
            metric: dead_letter_errors,
            threshold: 1,
            period: 30,
            actions: alerts,
        }
        alarm never_runs {
            function: cleanup,
            metric: invocations,
            statistic: sample_count,
            comparison: less,
            threshold: 1,
            period: 86400,
            evaluation_periods: 1,
            datapoints_to_alarm: 1,
        }
        alarm slow {
            function: on_click,
            metric: duration,
            statistic: average,
            comparison: greater_or_equal,
            threshold: 2.5,
            period: 60,
            evaluation_periods: 1440,
        }
        alarm throttled { function: on_click, metric: throttles, threshold: 1, statistic: sum }
        alarm busy {
            function: cleanup,
            metric: concurrent_executions,
            statistic: minimum,
            comparison: less_or_equal,
            threshold: 0,
        }
    }
}

fn main() {
    assert_eq!(AlarmBoundaries::handlers().len(), 2);
}
