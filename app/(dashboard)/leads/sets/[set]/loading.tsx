import LeadsLoading from "../../(list)/loading";

export default LeadsLoading;
