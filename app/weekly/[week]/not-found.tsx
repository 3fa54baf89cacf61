import { WeeklyMessage } from '../WeeklyMessage';

export default function WeekNotFound() {
  return <WeeklyMessage title="No such week" text="Weeks are written as an ISO year and week, like 2023-W38 (weeks 01 to 52, or 53 in long years)." />;
}
