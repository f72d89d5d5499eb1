use stackforge::prelude::*;

#[lambda_function]
async fn on_click(_event: KinesisEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Clicks {
        stream clicks;
        clicks.on_record(starting_position = LATEST, parallelization_factor = 11) => on_click;
    }
}

fn main() {}
